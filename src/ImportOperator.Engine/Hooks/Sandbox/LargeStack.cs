using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>
/// Runs hook calls on threads with a large stack. The interpreter recurses on the .NET stack for nested calls and
/// values; a stack overflow cannot be caught and would end the process, so hooks get far more stack than the
/// recursion limit needs, and deep native recursion ends in a catchable InsufficientExecutionStackException first.
/// The threads live as long as the process and take work from one queue: starting a thread with a large stack for
/// every batch of rows cost more than the hooks themselves.
/// </summary>
internal static class LargeStack
{
    public const int StackBytes = 256 * 1024 * 1024;

    private static readonly BlockingCollection<Action> Work = new();
    private static readonly Lock Gate = new();
    private static int _threads;

    /// <summary>Runs the actions on large-stack threads, in parallel, and waits for all; rethrows the first exception.</summary>
    public static void RunAll(IReadOnlyList<Action> actions)
    {
        EnsureThreads(actions.Count);
        var errors = new ExceptionDispatchInfo?[actions.Count];
        using var done = new CountdownEvent(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            var slot = i;
            Work.Add(() =>
            {
                try { actions[slot](); }
                catch (Exception ex) { errors[slot] = ExceptionDispatchInfo.Capture(ex); }
                finally { done.Signal(); }
            });
        }
        done.Wait();
        foreach (var error in errors) error?.Throw();
    }

    public static T Run<T>(Func<T> action)
    {
        T result = default!;
        RunAll([() => result = action()]);
        return result;
    }

    /// <summary>Starts threads until there are at least <paramref name="count"/>, so that one call's actions all run at once.</summary>
    private static void EnsureThreads(int count)
    {
        lock (Gate)
        {
            while (_threads < count)
            {
                var thread = new Thread(static () =>
                {
                    foreach (var action in Work.GetConsumingEnumerable()) action();
                }, StackBytes) { IsBackground = true, Name = "hook-engine-" + _threads };
                thread.Start();
                _threads++;
            }
        }
    }
}
