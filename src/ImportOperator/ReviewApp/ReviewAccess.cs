using System.Net;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Operator.Hosting;
using ImportOperator.Review;
using ImportOperator.Runtime;
using ImportOperator.Storage;
using ImportOperator.Worker;
using k8s;
using k8s.Autorest;

namespace ImportOperator.ReviewApp;

/// <summary>The import a request may see: the live object (re-read on every request) and its storage keys.</summary>
public sealed record ReviewContext(string Token, HeadlessImport Import, ImportObjectKeys Keys)
{
    public string Namespace => Import.Metadata.NamespaceProperty;
    public string Name => Import.Metadata.Name;
    public string Uid => Import.Metadata.Uid;

    /// <summary>When a person already finished this review (the hand-back annotation), else null.</summary>
    public string? CompletedAt => Import.Metadata.Annotations is { } a && a.TryGetValue(ReviewAnnotations.Completed, out var at) ? at : null;
}

/// <summary>Why a request may not see an import; <see cref="Status"/> is the HTTP status of the page that says so.</summary>
public sealed record ReviewDenial(HttpStatusCode Status, string Title, string Explanation);

/// <summary>
/// The gate of every request: the token must verify (key, expiry), name an import in the served namespace, and that
/// import must exist now with the very uid the token names, so a link never opens another import — not one created
/// again under the same name, not one whose name a forger wrote in. Nothing about the import is said on refusal
/// beyond what the token's own signed payload already says.
/// </summary>
public sealed class ReviewAccess(ReviewLinks links, IKubernetes client, string? onlyNamespace)
{
    private readonly ResourceClient<HeadlessImport> _imports = new(client, OperatorHost.ImportKind);

    public async Task<(ReviewContext? Context, ReviewDenial? Denial)> CheckAsync(string token, CancellationToken cancellationToken)
    {
        var check = links.Verify(token);
        if (check.Failure == ReviewTokenFailure.Expired)
            return (null, new ReviewDenial(HttpStatusCode.Forbidden, "This review link has expired",
                $"The link to review import {check.Namespace}/{check.Name} stopped working at {check.ExpiresAt:u}. Ask whoever sent it for a new link."));
        if (!check.Valid)
            return (null, Invalid());
        if (onlyNamespace is not null && check.Namespace != onlyNamespace)
            return (null, Invalid());

        HeadlessImport import;
        try
        {
            import = await _imports.GetAsync(new ObjectKey(check.Namespace!, check.Name!), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return (null, Gone());
        }
        if (!check.IsFor(import.Metadata.NamespaceProperty, import.Metadata.Name, import.Metadata.Uid))
            return (null, Gone());
        var keys = ImportObjectKeys.For(import.Metadata.NamespaceProperty, import.Metadata.Name, import.Metadata.Uid, WorkerRequest.InputFileNameOf(import));
        return (new ReviewContext(token, import, keys), null);
    }

    private static ReviewDenial Invalid() => new(HttpStatusCode.Forbidden, "This review link is not valid",
        "The link was changed or was not issued by this service. Open the link exactly as you received it, or ask for a new one.");

    private static ReviewDenial Gone() => new(HttpStatusCode.Forbidden, "This import is no longer available",
        "The import this link was made for has been deleted or replaced. Ask whoever sent the link for a new one.");
}

/// <summary>The annotation the review app sets to hand a finished review back to the operator.</summary>
public static class ReviewAnnotations
{
    /// <summary>RFC 3339 time at which the person finished; the committed summary holds the verdict.</summary>
    public const string Completed = "importoperator.io/review-completed";
}
