using System.Text.Json.Serialization;

namespace ImportOperator.Engine.Schema;

/// <summary>How serious a message on a cell is. Only <see cref="Error"/> makes a row invalid.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageLevel>))]
public enum MessageLevel
{
    [JsonStringEnumMemberName("error")] Error,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("info")] Info,
}
