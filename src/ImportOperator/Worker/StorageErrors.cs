using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using ImportOperator.Storage;

namespace ImportOperator.Worker;

/// <summary>
/// Sorts the errors of a storage call into what the Job should do about them: retry (5xx, throttling, network
/// trouble, timeouts), give up (access refused: the credentials are wrong), or let the caller decide.
/// </summary>
internal static class StorageErrors
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "Throttling", "ThrottlingException", "RequestTimeout", "RequestTimeoutException",
        "InternalError", "ServiceUnavailable", "RequestLimitExceeded", "TooManyRequestsException",
    };

    private static readonly HashSet<string> AccessCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken",
    };

    /// <summary>
    /// Runs one storage call; a transient error becomes a <see cref="WorkerExitCodes.Transient"/> failure and a refused
    /// one a <see cref="WorkerExitCodes.Permanent"/> failure, both saying what was being done. Anything else
    /// (including <see cref="ObjectNotFoundException"/>, which callers explain themselves) passes through.
    /// </summary>
    public static async Task<T> GuardAsync<T>(string action, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not WorkerFailure && e is not ObjectNotFoundException && !cancellationToken.IsCancellationRequested)
        {
            var failure = Translate(action, e);
            if (failure is null) throw;
            throw failure;
        }
    }

    public static async Task GuardAsync(string action, Func<Task> call, CancellationToken cancellationToken) =>
        await GuardAsync(action, async () => { await call().ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);

    /// <summary>The failure an error stands for, or null when it is neither transient nor a refusal.</summary>
    public static WorkerFailure? Translate(string action, Exception e)
    {
        if (IsTransient(e))
            return WorkerFailure.Transient($"{action} failed with a temporary storage error, so a retry can succeed: {Describe(e)}", e);
        if (IsAccessRefused(e))
            return WorkerFailure.Permanent($"{action} was refused by the storage service ({Describe(e)}): check the credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, key files or workload identity) and the bucket's policy.", e);
        return null;
    }

    public static bool IsTransient(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case AmazonServiceException service when (int)service.StatusCode >= 500
                    || service.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
                    || (service.ErrorCode is { } code && TransientCodes.Contains(code)):
                case HttpRequestException:
                case HttpIOException:
                case SocketException:
                case TimeoutException:
                // HttpClient reports its own timeout as a cancellation nobody asked for (the caller checks its token).
                case TaskCanceledException:
                    return true;
            }
        }
        return false;
    }

    public static bool IsAccessRefused(Exception e) =>
        e is AmazonServiceException service
        && (service.StatusCode == HttpStatusCode.Forbidden || (service.ErrorCode is { } code && AccessCodes.Contains(code)));

    /// <summary>One line about an error: status and code for a storage answer, type and message otherwise.</summary>
    public static string Describe(Exception e)
    {
        var text = e is AmazonServiceException { StatusCode: not 0 } service
            ? $"{(int)service.StatusCode} {service.ErrorCode}: {service.Message}"
            : $"{e.GetType().Name}: {e.Message}";
        if (e is not AmazonServiceException && e.InnerException is { } inner && !text.Contains(inner.Message, StringComparison.Ordinal))
            text += $" ({inner.GetType().Name}: {inner.Message})";
        return OneLine(text);
    }

    public static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
