using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Validation.Uniqueness;

/// <summary>
/// <c>unique_with</c>: every field with a unique_with validator of the same uniqueKey forms one combination.
/// Values are compared exactly (case-sensitive), each field by the same text other validators read; a row whose
/// fields are all empty takes no part.
/// </summary>
internal sealed class CombinationUniquenessRule(string uniqueKey, CombinationMember[] members) : UniquenessRule
{
    public string UniqueKey { get; } = uniqueKey;

    public IReadOnlyList<CombinationMember> Members { get; } = members;

    public override bool TryBuildKey(ImportRow row, KeyBuffer key)
    {
        if (AllEmpty(row)) return false;
        key.Clear();
        foreach (var member in members)
            key.AppendLengthPrefixed(CellText.Read(row, member.Field, key.NumberScratch));
        return true;
    }

    public override void Flag(ImportRow row)
    {
        string? defaultMessage = null;
        foreach (var member in members)
        {
            var message = member.ErrorMessage ?? (defaultMessage ??= DescribeCombination(row));
            row.AddValidatorMessage(member.Field, new CellMessage(message, member.Level));
        }
    }

    private bool AllEmpty(ImportRow row)
    {
        foreach (var member in members)
        {
            if (!CellText.IsEmpty(row, member.Field)) return false;
        }
        return true;
    }

    private string DescribeCombination(ImportRow row)
    {
        var parts = new (string Label, string Value)[members.Length];
        Span<char> scratch = stackalloc char[CellText.ScratchLength];
        for (var i = 0; i < members.Length; i++)
            parts[i] = (members[i].Label, CellText.Read(row, members[i].Field, scratch).ToString());
        return DefaultMessages.UniqueWith(parts);
    }
}

/// <summary>One field of a unique_with combination, with its own validator's message and level.</summary>
internal sealed record CombinationMember(int Field, string Label, string? ErrorMessage, MessageLevel Level);
