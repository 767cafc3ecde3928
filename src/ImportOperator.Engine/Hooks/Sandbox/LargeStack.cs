using System.Runtime.ExceptionServices;

namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>
/// Runs hook calls on threads with a large stack. The interpreter recurses on the .NET stack for nested calls and
/// values; a stack overflow cannot be caught and would end the process, so hooks get far more stack than the
/// recursion limit needs, and deep native recursion ends in a catchable InsufficientExecutionStackException first.
/// </summary>
internal static class LargeStack
{
    public const int StackBytes = 256 * 1024 * 1024;

    /// <summary>Runs each action on its own large-stack thread and waits for all; rethrows the first exception.</summary>
    public static void RunAll(IReadOnlyList<Action> actions)
    {
        var errors = new ExceptionDispatchInfo?[actions.Count];
        var threads = new Thread[actions.Count];
        for (var i = 0; i < threads.Length; i++)
        {
            var slot = i;
            threads[i] = new Thread(() =>
            {
                try { actions[slot](); }
                catch (Exception ex) { errors[slot] = ExceptionDispatchInfo.Capture(ex); }
            }, StackBytes) { IsBackground = true, Name = "hook-engine-" + i };
            threads[i].Start();
        }
        foreach (var thread in threads) thread.Join();
        foreach (var error in errors) error?.Throw();
    }

    public static T Run<T>(Func<T> action)
    {
        T result = default!;
        RunAll([() => result = action()]);
        return result;
    }
}
