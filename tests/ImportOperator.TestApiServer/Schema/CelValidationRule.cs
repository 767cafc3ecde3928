using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cel;

namespace ImportOperator.TestApiServer.Schema;

/// <summary>
/// One x-kubernetes-validations rule, compiled once with the Cel package. A rule that mentions <c>oldSelf</c> is a
/// transition rule: like kube-apiserver, it runs only on update, and only where an old value exists.
/// </summary>
internal sealed partial class CelValidationRule
{
    // The Cel package keeps no state between evaluations; one environment serves every rule.
    private static readonly CelEnvironment SharedEnvironment = new([], "");

    private readonly CelProgramDelegate _program;

    private CelValidationRule(string rule, string? message, string? fieldPath, CelProgramDelegate program)
    {
        Rule = rule;
        Message = message;
        FieldPath = fieldPath;
        _program = program;
        IsTransitionRule = OldSelfReference().IsMatch(rule);
    }

    public string Rule { get; }
    public string? Message { get; }

    /// <summary>A relative path (e.g. <c>.fields</c>) the error is reported at instead of the rule's node.</summary>
    public string? FieldPath { get; }
    public bool IsTransitionRule { get; }

    public static CelValidationRule Compile(JsonNode rule, string schemaPath)
    {
        var text = (string?)rule["rule"] ?? throw new InvalidOperationException($"{schemaPath}: a validation rule has no 'rule'.");
        try
        {
            return new CelValidationRule(text, (string?)rule["message"], (string?)rule["fieldPath"], SharedEnvironment.Compile(AsKeyPresence(text)));
        }
        catch (CelException exception)
        {
            // The real API server refuses a CRD whose rule does not compile; so does this one.
            throw new InvalidOperationException($"{schemaPath}: CEL rule '{text}' does not compile: {exception.Message}", exception);
        }
    }

    /// <summary>Null when the rule holds; otherwise the reason in the API server's words.</summary>
    public string? Check(JsonNode? self, JsonNode? oldSelf)
    {
        var variables = new Dictionary<string, object?> { ["self"] = CelValues.From(self) };
        if (IsTransitionRule) variables["oldSelf"] = CelValues.From(oldSelf);
        object? result;
        try
        {
            result = _program.Invoke(variables);
        }
        catch (Exception exception) when (exception is CelException or InvalidCastException or ArgumentException)
        {
            return $"rule evaluation error: {exception.Message}";
        }
        return result switch
        {
            true => null,
            false => Message ?? $"failed rule: {Rule}",
            _ => $"rule evaluation error: the rule returned {result?.GetType().Name ?? "null"}, not a bool",
        };
    }

    /// <summary>
    /// Rewrites <c>has(a.b)</c> as <c>('b' in a)</c>. For JSON objects Kubernetes' has() tests whether the key is
    /// present, so <c>has(self.fields)</c> is true for <c>fields: []</c>; the Cel package follows proto3 presence
    /// instead (an empty list, map or string counts as absent), which would wrongly refuse such objects.
    /// </summary>
    internal static string AsKeyPresence(string rule) => HasMacro().Replace(rule, "('$2' in $1)");

    [GeneratedRegex(@"\bhas\(\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\.([A-Za-z_][A-Za-z0-9_]*)\s*\)")]
    private static partial Regex HasMacro();

    [GeneratedRegex(@"\boldSelf\b")]
    private static partial Regex OldSelfReference();
}
