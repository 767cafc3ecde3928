using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Storage;

/// <summary>A failure answered with a meta/v1 Status body, exactly as kube-apiserver shapes it.</summary>
public sealed class ApiError(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public JsonObject? Details { get; } = details;

    public JsonObject ToStatus() => StatusBody(Code, Reason, Message, Details);

    public static JsonObject StatusBody(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null) status["details"] = details;
        status["code"] = code;
        return status;
    }

    static JsonObject DetailsOf(ResourceType type, string? name) => new()
    {
        ["name"] = name,
        ["group"] = type.Group,
        ["kind"] = type.Plural,
    };

    public static ApiError NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.GroupResource} \"{name}\" not found", DetailsOf(type, name));

    public static ApiError NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });

    public static ApiError AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists", DetailsOf(type, name));

    public static ApiError Conflict(ResourceType type, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", DetailsOf(type, name));

    /// <summary>
    /// 422 Invalid as apimachinery's NewInvalid builds it: one cause per field error, whose reason comes from the
    /// error body's type ("Invalid value", "Required value", "Unsupported value", ...), and a message naming the
    /// qualified kind, e.g. <c>HeadlessImport.importoperator.io "x" is invalid: spec: Invalid value: "object": ...</c>.
    /// </summary>
    /// <param name="causes">Field paths with complete error bodies, e.g. <c>("spec", "Invalid value: \"object\": ...")</c>.</param>
    public static ApiError Invalid(ResourceType type, string name, IEnumerable<(string Field, string Body)> causes)
    {
        var details = DetailsOf(type, name);
        details["kind"] = type.Kind;
        var array = new JsonArray();
        var parts = new List<string>();
        foreach (var (field, body) in causes)
        {
            array.Add(new JsonObject { ["reason"] = CauseReason(body), ["message"] = body, ["field"] = field });
            parts.Add($"{field}: {body}");
        }
        details["causes"] = array;
        var summary = parts.Count == 1 ? parts[0] : $"[{string.Join(", ", parts)}]";
        var qualifiedKind = type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";
        return new(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    // field.ErrorType names, keyed by the text field.Error.ErrorBody() starts with.
    static readonly (string Prefix, string Reason)[] CauseReasons =
    [
        ("Invalid value", "FieldValueInvalid"), ("Required value", "FieldValueRequired"),
        ("Unsupported value", "FieldValueNotSupported"), ("Duplicate value", "FieldValueDuplicate"),
        ("Too many", "FieldValueTooMany"), ("Too long", "FieldValueTooLong"), ("Forbidden", "FieldValueForbidden"),
        ("Not found", "FieldValueNotFound"), ("Internal error", "InternalError"),
    ];

    static string CauseReason(string body)
    {
        foreach (var (prefix, reason) in CauseReasons)
            if (body.StartsWith(prefix, StringComparison.Ordinal)) return reason;
        return "FieldValueInvalid";
    }

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);
    public static ApiError NotFoundPath(string path) => new(404, "NotFound", $"the server could not find the requested resource ({path})");
    public static ApiError MethodNotAllowed(string method) => new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})");
    public static ApiError UnsupportedMediaType(string contentType) => new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got {contentType})");
    public static ApiError Gone(string message) => new(410, "Expired", message);
}
