using System.Net;
using k8s.Autorest;

namespace ImportOperator.Runtime.Helpers;

/// <summary>Retries a read-modify-write when the API answers 409 Conflict (someone wrote in between).</summary>
public static class Conflicts
{
    public static bool IsConflict(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.Conflict };
    public static bool IsNotFound(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };

    public static async Task<TResult> RetryOnConflictAsync<TResult>(Func<int, Task<TResult>> attempt, int maxAttempts = 5, CancellationToken ct = default)
    {
        for (int i = 1; ; i++)
        {
            try { return await attempt(i).ConfigureAwait(false); }
            catch (HttpOperationException e) when (IsConflict(e) && i < maxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * i * (1 + Random.Shared.NextDouble())), ct).ConfigureAwait(false);
            }
        }
    }
}
