using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// Runs three stages over a sequence of batches at once — produce on the caller's thread, transform and consume on
/// one thread each — so that reading, processing and writing overlap on a multi-core machine. Batches keep their
/// order (one thread per stage). The first failure of any stage stops the others and is rethrown as it was thrown.
/// </summary>
internal static class ThreeStagePipeline
{
    public static void Run<T>(Func<T?> produce, Action<T> transform, Action<T> consume, int capacity,
        CancellationToken cancellationToken) where T : class
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var toTransform = new BlockingCollection<T>(capacity);
        using var toConsume = new BlockingCollection<T>(capacity);
        ExceptionDispatchInfo? failure = null;

        void Fail(Exception e)
        {
            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            stop.Cancel();
        }

        var transformer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var batch in toTransform.GetConsumingEnumerable(stop.Token))
                {
                    transform(batch);
                    toConsume.Add(batch, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e) { Fail(e); }
            finally { toConsume.CompleteAdding(); }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var consumer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var batch in toConsume.GetConsumingEnumerable(stop.Token)) consume(batch);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e) { Fail(e); }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            while (!stop.IsCancellationRequested && produce() is { } batch) toTransform.Add(batch, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (Exception e) { Fail(e); }
        finally
        {
            toTransform.CompleteAdding();
        }

        Task.WaitAll(transformer, consumer);
        failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
