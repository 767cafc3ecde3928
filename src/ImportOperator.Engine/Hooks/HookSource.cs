using Acornima.Ast;
using ImportOperator.Engine.Diagnostics;
using Jint;

namespace ImportOperator.Engine.Hooks;

/// <summary>
/// One hook's source, parsed once into a prepared script that every engine of the import evaluates to get the
/// hook function. Prepared scripts are immutable and thread-safe, so parsing is paid once per hook, not per engine.
/// </summary>
internal sealed class HookSource
{
    // A function expression is evaluated as "(" + source + "\n)"; the newline keeps a trailing // comment from
    // swallowing the closing parenthesis, and the source keeps its own line numbers.
    private const string ExpressionPrefix = "(";
    private const string ExpressionSuffix = "\n)";

    // A source that declares one named function is run inside a function body that returns it, so that helper
    // declarations next to it stay private to the hook instead of becoming globals.
    private const string DeclarationPrefix = "(function () {";

    private HookSource(string name, Prepared<Script> script, int firstLineColumnOffset)
    {
        Name = name;
        Script = script;
        FirstLineColumnOffset = firstLineColumnOffset;
    }

    /// <summary>How messages name the hook, e.g. <c>rowHooks[0]</c>.</summary>
    public string Name { get; }

    /// <summary>A script whose completion value is the hook function.</summary>
    public Prepared<Script> Script { get; }

    /// <summary>Characters added in front of the source's first line by the wrapping (subtracted in messages).</summary>
    public int FirstLineColumnOffset { get; }

    /// <summary>Parses a hook; on failure adds a problem at <paramref name="path"/> and returns null.</summary>
    public static HookSource? Compile(string name, string path, string? source, SchemaProblems problems)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            problems.Add(path, "is empty: give a JavaScript function such as (record, mode) => { ... }");
            return null;
        }

        // "(record) => record;" is a common way to write a hook; the semicolon ends a statement, not the expression.
        var expression = source.TrimEnd();
        while (expression.EndsWith(';')) expression = expression[..^1].TrimEnd();
        var asExpression = TryPrepare(ExpressionPrefix + expression + ExpressionSuffix, name, ExpressionPrefix.Length, out var expressionError);
        if (asExpression is { } expressionScript && IsSingleFunctionExpression(expressionScript.Program!))
            return new HookSource(name, expressionScript, ExpressionPrefix.Length);

        var asScript = TryPrepare(source, name, 0, out _);
        if (asScript is { } plainScript && SingleFunctionDeclarationName(plainScript.Program!) is { } functionName)
        {
            var wrapped = DeclarationPrefix + source + "\nreturn " + functionName + ";\n})()";
            if (TryPrepare(wrapped, name, DeclarationPrefix.Length, out var wrapError) is { } declarationScript)
                return new HookSource(name, declarationScript, DeclarationPrefix.Length);
            problems.Add(path, "does not parse: " + wrapError);
            return null;
        }

        problems.Add(path, expressionError is not null
            ? "does not parse: " + expressionError
            : "is not a function: give a function expression such as (record, mode) => { ... } or " +
              "function name(record, mode) { ... }, or a script that declares exactly one named function");
        return null;
    }

    /// <summary>Maps a location in the wrapped script back to the hook author's source (1-based line and column).</summary>
    public (int Line, int Column) ToSourcePosition(int line, int zeroBasedColumn) =>
        (line, line == 1 ? Math.Max(1, zeroBasedColumn - FirstLineColumnOffset + 1) : zeroBasedColumn + 1);

    private static Prepared<Script>? TryPrepare(string text, string name, int firstLineOffset, out string? error)
    {
        try
        {
            error = null;
            return Jint.Engine.PrepareScript(text, name, strict: true);
        }
        catch (ScriptPreparationException ex) when (ex.InnerException is Acornima.ParseErrorException parse)
        {
            // The wrapping adds characters in front of line 1; the parser's column is 0-based.
            var column = parse.LineNumber == 1 ? parse.Column - firstLineOffset + 1 : parse.Column + 1;
            error = $"{parse.Description} (line {parse.LineNumber}, column {Math.Max(1, column)})";
            return null;
        }
        catch (ScriptPreparationException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    private static bool IsSingleFunctionExpression(Acornima.Ast.Program program) =>
        program.Body.Count == 1 && program.Body[0] is ExpressionStatement
        {
            Expression: ArrowFunctionExpression or FunctionExpression
        };

    private static string? SingleFunctionDeclarationName(Acornima.Ast.Program program)
    {
        string? name = null;
        foreach (var statement in program.Body)
        {
            if (statement is not FunctionDeclaration { Id: { } id }) continue;
            if (name is not null) return null;
            name = id.Name;
        }
        return name;
    }
}
