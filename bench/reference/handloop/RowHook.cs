using Jint;
using Jint.Native;

namespace HandLoop;

/// <summary>The user's row hook (v8-hook.js: a global <c>hook(row)</c>) run in one Jint engine.</summary>
internal sealed class RowHook : IDisposable
{
    private readonly Engine _engine = new();
    private readonly JsValue _hook;
    private readonly JsString[] _keys;
    private readonly JsValue[] _argument = new JsValue[1];

    public RowHook(string script, string[] header)
    {
        _engine.Execute(script);
        _hook = _engine.GetValue("hook");
        _keys = [.. header.Select(name => new JsString(name))];
    }

    /// <summary>Hands the row to the hook as an object of strings and copies the returned values back.</summary>
    public void Apply(string[] values)
    {
        var record = new JsObject(_engine);
        for (var i = 0; i < values.Length; i++)
        {
            record.Set(_keys[i], new JsString(values[i]));
        }

        _argument[0] = record;
        var result = _engine.Call(_hook, _argument).AsObject();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = result.Get(_keys[i]).ToString();
        }
    }

    public void Dispose() => _engine.Dispose();
}
