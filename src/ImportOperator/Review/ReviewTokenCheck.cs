namespace ImportOperator.Review;

/// <summary>Why a review token was refused.</summary>
public enum ReviewTokenFailure
{
    /// <summary>The token is valid.</summary>
    None,
    /// <summary>The token was issued by this operator but its time is up; the import's identity is still given.</summary>
    Expired,
    /// <summary>Not a token this operator issued with a known key: malformed, tampered with, or another key.</summary>
    Invalid,
}

/// <summary>
/// The result of verifying a review token. <see cref="Namespace"/>, <see cref="Name"/>, <see cref="Uid"/> and
/// <see cref="ExpiresAt"/> are set when the signature is good (valid or expired), so the review app can say which
/// import an expired link was for; they are null for an invalid token, whose content cannot be trusted.
/// </summary>
public sealed record ReviewTokenCheck(
    bool Valid,
    string? Namespace,
    string? Name,
    string? Uid,
    DateTimeOffset? ExpiresAt,
    ReviewTokenFailure Failure,
    string? Message)
{
    /// <summary>
    /// True when the token is valid and names exactly this import. The uid matters: an import deleted and created
    /// again under the same name is a different import, and an old link must not open it.
    /// </summary>
    public bool IsFor(string @namespace, string name, string uid) =>
        Valid && Namespace == @namespace && Name == name && Uid == uid;

    internal static ReviewTokenCheck Accepted(ReviewTokenPayload payload) =>
        new(true, payload.Namespace, payload.Name, payload.Uid, payload.ExpiresAt, ReviewTokenFailure.None, null);

    internal static ReviewTokenCheck Expired(ReviewTokenPayload payload) =>
        new(false, payload.Namespace, payload.Name, payload.Uid, payload.ExpiresAt, ReviewTokenFailure.Expired,
            $"This review link for import {payload.Namespace}/{payload.Name} expired at {payload.ExpiresAt:u}; ask for a new link.");

    internal static ReviewTokenCheck Invalid(string why) =>
        new(false, null, null, null, null, ReviewTokenFailure.Invalid, "This review link is not valid: " + why);
}
