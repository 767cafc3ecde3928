namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>A hook returned something the hook contract does not allow; the message tells the author what to return.</summary>
internal sealed class HookResultException(string message) : Exception(message);
