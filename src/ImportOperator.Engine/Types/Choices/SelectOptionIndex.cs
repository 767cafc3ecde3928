using System.Collections.Frozen;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Types;

/// <summary>
/// The cell texts that select each option of a select or multi-select field: its value, its label and its
/// alternateMatches, trimmed and compared case-insensitively. When two options claim the same text, values win
/// over labels and labels over alternate matches; among equals, the earlier option wins.
/// </summary>
internal sealed class SelectOptionIndex
{
    private const int ValuesListedInMessages = 5;

    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _valueByText;

    private SelectOptionIndex(FrozenDictionary<string, string> valueByText, string allowedValues)
    {
        _valueByText = valueByText.GetAlternateLookup<ReadOnlySpan<char>>();
        AllowedValues = allowedValues;
    }

    /// <summary>A few allowed values for messages: "a, b, c, d, e, and 3 more".</summary>
    public string AllowedValues { get; }

    /// <summary>The option value selected by <paramref name="text"/> (already trimmed), if any.</summary>
    public bool TryFind(ReadOnlySpan<char> text, out string value) => _valueByText.TryGetValue(text, out value!);

    public static SelectOptionIndex? Build(List<SelectOption>? options, string fieldPath, SchemaProblems problems)
    {
        var path = fieldPath + ".selectOptions";
        if (options is null || options.Count == 0)
        {
            problems.Add(path, "a select or multi-select field needs at least one option in selectOptions");
            return null;
        }

        var valueByText = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var valid = true;
        for (var i = 0; i < options.Count; i++)
        {
            var value = options[i].Value ?? "";
            if (valueByText.TryGetValue(value.Trim(), out var earlier))
            {
                problems.Add($"{path}[{i}].value", $"duplicate option value '{value}' (already the value '{earlier}' of an earlier option; values are compared case-insensitively)");
                valid = false;
                continue;
            }
            valueByText[value.Trim()] = value;
        }
        if (!valid) return null;

        foreach (var option in options) valueByText.TryAdd((option.Label ?? "").Trim(), option.Value);
        foreach (var option in options)
        {
            if (option.AlternateMatches is null) continue;
            foreach (var alternate in option.AlternateMatches) valueByText.TryAdd(alternate.Trim(), option.Value);
        }
        valueByText.Remove(""); // a blank label or alias selects nothing: cells are never blank

        return new SelectOptionIndex(valueByText.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), DescribeValues(options));
    }

    private static string DescribeValues(List<SelectOption> options)
    {
        var listed = options.Take(ValuesListedInMessages).Select(static option => option.Value);
        var more = options.Count - ValuesListedInMessages;
        return more > 0 ? $"{string.Join(", ", listed)}, and {more} more" : string.Join(", ", listed);
    }
}
