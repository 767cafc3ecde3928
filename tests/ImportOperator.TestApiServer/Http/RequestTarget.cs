using ImportOperator.TestApiServer.Storage;

namespace ImportOperator.TestApiServer.Http;

/// <summary>A resource URL taken apart: /api/v1/namespaces/{ns}/{plural}/{name}/{subresource} and the /apis/{group}/{version} forms.</summary>
internal sealed record RequestTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Null when the path names a group/version but no known resource; throws 404 for unknown resources.</summary>
    public static RequestTarget? Parse(ResourceRegistry registry, string[] segments, out string group, out string version, out string[] rest)
    {
        group = ""; version = ""; rest = [];
        if (segments.Length >= 2 && segments[0] == "api") { version = segments[1]; rest = segments[2..]; }
        else if (segments.Length >= 3 && segments[0] == "apis") { group = segments[1]; version = segments[2]; rest = segments[3..]; }
        else return null;
        if (rest.Length == 0) return null;

        string? ns = null, name = null, sub = null, plural;
        if (rest[0] == "namespaces" && rest.Length >= 3 && !(rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            ns = rest[1]; plural = rest[2];
            if (rest.Length > 3) name = rest[3];
            if (rest.Length > 4) sub = rest[4];
            if (rest.Length > 5) throw ApiError.NotFoundPath("/" + string.Join('/', segments));
        }
        else
        {
            plural = rest[0];
            if (rest.Length > 1) name = rest[1];
            if (rest.Length > 2) sub = rest[2];
            if (rest.Length > 3) throw ApiError.NotFoundPath("/" + string.Join('/', segments));
        }
        var type = registry.Find(group, version, plural) ?? throw ApiError.NotFoundPath("/" + string.Join('/', segments));
        if (ns is not null && !type.Namespaced) throw ApiError.NotFoundPath("/" + string.Join('/', segments));
        if (type.Namespaced && ns is null && name is not null) throw ApiError.NotFoundPath("/" + string.Join('/', segments));
        if (sub is not null && !(sub == "status" && type.HasStatusSubresource) && !type.ExtraSubresources.Contains(sub))
            throw ApiError.NotFoundPath("/" + string.Join('/', segments));
        return new RequestTarget(type, ns, name, sub);
    }
}
