using System.Globalization;
using System.Text.RegularExpressions;
using ImportOperator.Engine.Diagnostics;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>
/// Turns whatever stopped a hook call into the import's failure message: the hook's name, where in the data
/// (row, rows or field), and what happened in words the hook author can act on, with the hook's line and column
/// when the error came from the hook's code.
/// </summary>
internal static partial class HookFailures
{
    /// <summary>
    /// Is this an exception a hook call can end with? Everything thrown while a hook runs is the hook's doing (Jint
    /// also throws plain .NET exceptions, e.g. for a dynamic import), except the process running out of memory.
    /// </summary>
    public static bool IsHookFailure(Exception exception) => exception is not (OutOfMemoryException or ImportFailureException);

    public static ImportFailureException ToImportFailure(Exception exception, HookSource hook, string where,
        HookSandboxOptions options)
    {
        var message = exception switch
        {
            JavaScriptException thrown =>
                $"{hook.Name} threw{where}: {DescribeThrown(thrown.Error)}{Location(hook, thrown)}",
            PromiseRejectedException rejected =>
                $"{hook.Name} threw{where}: {DescribeThrown(rejected.RejectedValue)}{StackLocation(hook, rejected.RejectedValue)}",
            HookResultException result => $"{hook.Name} returned an invalid result{where}: it {result.Message}",
            HookLimitExceededException { Limit: HookLimit.CallTime } limit =>
                $"{hook.Name} was stopped{where}: it ran longer than {Seconds(limit.CallTime ?? options.TimeoutPerCall)}, the time limit of one hook call",
            HookLimitExceededException { Limit: HookLimit.ImportTime } =>
                $"{hook.Name} was stopped{where}: the hooks of this import ran longer than {Seconds(options.TimeoutPerImport)} in total, the time budget of one import",
            HookLimitExceededException { Limit: HookLimit.Memory } =>
                $"{hook.Name} was stopped{where}: it allocated more than {Mebibytes(options.MemoryLimitBytes)}, the memory limit of one hook call",
            RecursionDepthOverflowException =>
                $"{hook.Name} was stopped{where}: it nested more than {options.RecursionLimit} function calls, the recursion limit",
            RegexMatchTimeoutException =>
                $"{hook.Name} was stopped{where}: a regular expression ran longer than {Seconds(options.TimeoutPerCall)}, the time limit of one hook call",
            InsufficientExecutionStackException =>
                $"{hook.Name} was stopped{where}: it nested values or calls too deeply for the stack",
            InvalidOperationException when exception.Message.Contains("module", StringComparison.OrdinalIgnoreCase) =>
                $"{hook.Name} threw{where}: import() is not available: hooks cannot load modules",
            _ => $"{hook.Name} threw{where}: {exception.Message}",
        };
        return new ImportFailureException(OutcomeReasons.HookFailed, message, exception);
    }

    /// <summary>"TypeError: message" for an Error object, else the thrown value itself.</summary>
    private static string DescribeThrown(JsValue thrown)
    {
        if (thrown is ObjectInstance error && error.Get("message") is { } message && !message.IsUndefined())
        {
            var name = error.Get("name");
            var nameText = name.IsString() ? name.AsString() : "Error";
            return $"{nameText}: {TypeConverter.ToString(message)}";
        }
        return thrown.IsString() ? $"\"{thrown.AsString()}\"" : JsCells.Describe(thrown);
    }

    private static string Location(HookSource hook, JavaScriptException thrown)
    {
        var location = thrown.Location;
        if (location.Start.Line <= 0 || !string.Equals(location.SourceFile, hook.Name, StringComparison.Ordinal))
            return StackLocation(hook, thrown.Error);
        var (line, column) = hook.ToSourcePosition(location.Start.Line, location.Start.Column);
        return $" (hook line {line}, column {column})";
    }

    // An error thrown in an async hook reaches the host as a rejected value; its stack names the hook's position.
    private static string StackLocation(HookSource hook, JsValue error)
    {
        if (error is not ObjectInstance errorObject) return "";
        var stack = errorObject.Get("stack");
        if (!stack.IsString()) return "";
        foreach (Match match in StackPosition().Matches(stack.AsString()))
        {
            if (!string.Equals(match.Groups["source"].Value, hook.Name, StringComparison.Ordinal)) continue;
            var line = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);
            var column = int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture);
            var (sourceLine, sourceColumn) = hook.ToSourcePosition(line, column - 1);
            return $" (hook line {sourceLine}, column {sourceColumn})";
        }
        return "";
    }

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string Mebibytes(long bytes) =>
        (bytes / (1024d * 1024d)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB";

    [GeneratedRegex(@"(?<source>[^\s()]+):(?<line>\d+):(?<column>\d+)")]
    private static partial Regex StackPosition();
}
