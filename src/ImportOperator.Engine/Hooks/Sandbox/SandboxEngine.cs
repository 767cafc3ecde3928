using System.Text;
using ImportOperator.Engine.Diagnostics;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>
/// One Jint engine of an import, sandboxed: strict mode, no CLR access (interop is never enabled, so
/// importNamespace, System and clrHelper do not exist), no modules, no timers, no host objects but a console that
/// writes into a capped buffer; a recursion limit and a time and memory budget per call. After the hooks are
/// evaluated, everything reachable from the global object and the hook functions is frozen, so a hook can neither
/// replace a built-in (Array.prototype.map, Object.prototype) nor keep state on one. Engines are never shared
/// between imports; one engine runs on one thread at a time.
/// </summary>
internal sealed class SandboxEngine : IDisposable
{
    private static readonly TimeSpan SetupTime = TimeSpan.FromSeconds(60);
    private const long SetupMemoryBytes = 1L << 30;

    private readonly HookSandboxOptions _options;
    private readonly JsValue[] _functions;

    public SandboxEngine(HookSandboxOptions options, IReadOnlyList<HookSource> hooks, ImportTimeBudget importBudget)
    {
        _options = options;
        Budget = new HookBudget(importBudget);
        Console = new ConsoleBuffer(options.ConsoleLogLimitBytes);

        var jintOptions = new Options();
        jintOptions.Strict();
        jintOptions.LimitRecursion(options.RecursionLimit);
        jintOptions.Constraints.Constraints.Add(Budget);
        jintOptions.Constraints.RegexTimeout = options.TimeoutPerCall;
        Engine = new Jint.Engine(jintOptions);

        InstallConsole();
        GuardNestedArrayConversions();
        _functions = new JsValue[hooks.Count];
        if (importBudget.Remaining <= TimeSpan.Zero)
            throw new ImportFailureException(OutcomeReasons.HookFailed,
                "The hooks of this import have used up their time budget of one import.");
        Budget.Arm(options.TimeoutPerCall, options.MemoryLimitBytes);
        try
        {
            // Evaluating a source runs the hook author's code around a declared function: it is a hook call.
            for (var i = 0; i < hooks.Count; i++)
            {
                try
                {
                    _functions[i] = Engine.Evaluate(hooks[i].Script);
                }
                catch (Exception ex) when (HookFailures.IsHookFailure(ex))
                {
                    throw HookFailures.ToImportFailure(ex, hooks[i], " while its source was evaluated", options);
                }
            }
        }
        finally
        {
            Budget.Disarm();
        }

        // Hardening is the host's own code: it gets a fixed budget and is not charged to the import.
        Budget.Arm(SetupTime, SetupMemoryBytes, chargeImport: false);
        try
        {
            Harden();
        }
        finally
        {
            Budget.Disarm(chargeImport: false);
        }
    }

    public Jint.Engine Engine { get; }

    public HookBudget Budget { get; }

    /// <summary>What console.* wrote since the runner last moved it into the import's log.</summary>
    public ConsoleBuffer Console { get; }

    /// <summary>Where console lines say they came from; set by the runner before each call.</summary>
    public string CurrentHook { get; set; } = "";

    /// <summary>The row the current call is about, or -1.</summary>
    public long CurrentRow { get; set; } = -1;

    /// <summary>The function of the hook with this id.</summary>
    public JsValue Function(int hookId) => _functions[hookId];

    /// <summary>Calls a hook under a fresh budget and waits for its promise, if it returns one.</summary>
    public JsValue Call(int hookId, JsValue[] arguments)
    {
        var result = Engine.Call(_functions[hookId], JsValue.Undefined, arguments);
        // A value is awaited only if it is a real promise: a returned thenable is rejected by the result checks.
        return result.IsPromise() ? Await(result) : result;
    }

    // Settles a returned promise by running the job queue (every job still under the call's budget). The sandbox
    // has no timers or I/O, so a promise still pending once the queue is empty can never settle.
    private JsValue Await(JsValue promise)
    {
        var settled = false;
        var rejected = false;
        var outcome = JsValue.Undefined;
        var onFulfilled = new ClrFunction(Engine, "", (_, arguments) =>
        {
            settled = true;
            outcome = arguments.Length > 0 ? arguments[0] : JsValue.Undefined;
            return JsValue.Undefined;
        });
        var onRejected = new ClrFunction(Engine, "", (_, arguments) =>
        {
            settled = rejected = true;
            outcome = arguments.Length > 0 ? arguments[0] : JsValue.Undefined;
            return JsValue.Undefined;
        });
        Engine.Call(promise.Get("then"), promise, [onFulfilled, onRejected]);
        Engine.Advanced.ProcessTasks();
        if (!settled)
            throw new HookResultException("returned a promise that never settles (the sandbox has no timers or I/O to wait for)");
        if (rejected) throw new PromiseRejectedException(outcome);
        return outcome;
    }

    /// <summary>Cleans up after a call that was stopped midway (a limit or an exception).</summary>
    public void RecoverAfterFailure() => Engine.Advanced.ResetCallStack();

    private void InstallConsole()
    {
        var console = new JsObject(Engine);
        foreach (var level in (string[])["log", "info", "warn", "error", "debug"])
        {
            console.FastSetDataProperty(level, new ClrFunction(Engine, level, (_, arguments) =>
            {
                Console.Write(FormatLine(level, arguments));
                return JsValue.Undefined;
            }));
        }
        Engine.SetValue("console", console);
    }

    private string FormatLine(string level, JsValue[] arguments)
    {
        var line = new StringBuilder();
        line.Append('[').Append(CurrentHook);
        if (CurrentRow >= 0) line.Append(" row ").Append(CurrentRow);
        line.Append("] ").Append(level).Append(':');
        foreach (var argument in arguments)
        {
            line.Append(' ').Append(FormatArgument(argument));
            if (line.Length > _options.ConsoleLogLimitBytes) break;
        }
        return line.ToString();
    }

    private string FormatArgument(JsValue value)
    {
        if (value.IsString()) return value.AsString();
        if (value is not Jint.Native.Object.ObjectInstance || value.IsPromise()) return TypeConverter.ToString(value);
        try
        {
            var json = new JsonSerializer(Engine).Serialize(value);
            return json.IsUndefined() ? TypeConverter.ToString(value) : json.AsString();
        }
        catch (JavaScriptException)
        {
            return "[object that cannot be shown as JSON]";
        }
    }

    // Array.prototype.join and its callers recurse natively into nested arrays, with cycle detection that is
    // quadratic in the depth, and never return to the interpreter where the time limit is checked. Node stops such
    // a conversion with "Maximum call stack size exceeded"; so do we, at a depth far beyond any real cell value.
    private const int MaxNestedArrayConversionDepth = 10_000;
    private int _arrayConversionDepth;

    private void GuardNestedArrayConversions()
    {
        var makeRangeError = Engine.Evaluate("(message) => new RangeError(message)");
        var prototype = (ObjectInstance)Engine.Evaluate("Array.prototype");
        foreach (var name in (string[])["join", "toString", "toLocaleString"])
        {
            var original = prototype.Get(name);
            var length = (int)TypeConverter.ToNumber(((ObjectInstance)original).Get("length"));
            var guarded = new ClrFunction(Engine, name, (thisValue, arguments) =>
            {
                if (_arrayConversionDepth >= MaxNestedArrayConversionDepth)
                    throw new JavaScriptException(Engine.Call(makeRangeError, JsValue.Undefined,
                        [JsString.Create("Maximum call stack size exceeded (arrays nested too deeply)")]));
                _arrayConversionDepth++;
                try
                {
                    return Engine.Call(original, thisValue, arguments);
                }
                finally
                {
                    _arrayConversionDepth--;
                }
            }, length, PropertyFlag.Configurable);
            prototype.DefineOwnProperty(name, new PropertyDescriptor(guarded, PropertyFlag.Writable | PropertyFlag.Configurable));
        }
    }

    // Intrinsics that no global property leads to: the prototypes of async and generator functions and of iterators.
    private const string HiddenIntrinsics = """
        [async function () {}, function* () {}, async function* () {}, [][Symbol.iterator](),
         new Map()[Symbol.iterator](), new Set()[Symbol.iterator](), ''[Symbol.iterator](),
         /x/[Symbol.matchAll](''), Promise.resolve(), new Error()]
        """;

    // Freezes every object reachable from the global object, the hidden intrinsics and the hook functions through
    // own properties (values, getters and setters) and prototypes. The walk runs in C# (about 1,000 objects, a few
    // milliseconds); the freezing itself is JavaScript's own Object.freeze.
    private void Harden()
    {
        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<JsValue>();
        pending.Push(Engine.Evaluate("globalThis"));
        pending.Push(Engine.Evaluate(HiddenIntrinsics));
        foreach (var function in _functions) pending.Push(function);
        while (pending.Count > 0)
        {
            if (pending.Pop() is not ObjectInstance item || !seen.Add(item)) continue;
            if (item.Prototype is { } prototype) pending.Push(prototype);
            foreach (var key in item.GetOwnPropertyKeys(Jint.Runtime.Types.String | Jint.Runtime.Types.Symbol))
            {
                var descriptor = item.GetOwnProperty(key);
                if (descriptor == PropertyDescriptor.Undefined) continue;
                if (descriptor.IsAccessorDescriptor())
                {
                    if (descriptor.Get is { } getter) pending.Push(getter);
                    if (descriptor.Set is { } setter) pending.Push(setter);
                }
                else if (descriptor.Value is { } value) pending.Push(value);
            }
        }
        var freeze = Engine.Evaluate("Object.freeze");
        foreach (var item in seen) Engine.Call(freeze, JsValue.Undefined, [item]);
    }

    public void Dispose() => Engine.Dispose();
}
