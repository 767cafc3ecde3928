using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Storage;

/// <summary>One change in the event history that watches replay: the object after (and before) the change.</summary>
/// <remarks>Stored objects are never mutated once stored, so history can share them with the live store.</remarks>
public sealed record StoredEvent(long ResourceVersion, ResourceType Type, string EventType, JsonObject Object, JsonObject? OldObject);
