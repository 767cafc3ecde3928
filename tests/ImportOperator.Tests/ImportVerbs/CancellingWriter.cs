using System.Text;

namespace ImportOperator.Tests.ImportVerbs;

/// <summary>Standard output that presses Ctrl-C (cancels) as soon as a line containing a given text is written.</summary>
public sealed class CancellingWriter(string trigger, CancellationTokenSource cancel) : StringWriter
{
    readonly StringBuilder _line = new();

    public override void Write(char value)
    {
        base.Write(value);
        if (value != '\n') { _line.Append(value); return; }
        if (_line.ToString().Contains(trigger, StringComparison.Ordinal)) cancel.Cancel();
        _line.Clear();
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "") Write(c);
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }
}
