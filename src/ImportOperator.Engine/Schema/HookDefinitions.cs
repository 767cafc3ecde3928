using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace ImportOperator.Engine.Schema;

/// <summary>JavaScript hooks (source strings, as Dromo takes them). Merged key by key over a saved schema's hooks.</summary>
public sealed class HookDefinitions
{
    [Description("Hooks over a whole column: callback(values) with values = [{index, value, rowId}], returning [{index, value?, info?}] for the cells it changes. Run once, before row hooks.")]
    public List<ColumnHookDefinition>? ColumnHooks { get; set; }

    [Description("Hooks called once per row: (record, mode) => ({row: {...}}), mode 'init' (or 'update' after a person edits the row).")]
    public List<string>? RowHooks { get; set; }

    [Description("Hooks called with many rows at once: (records, mode) => records, keeping each index.")]
    public List<string>? BulkRowHooks { get; set; }

    [Description("(data, metadata) => void | {cancel: true, message}: a cancel stops the import in NEEDS_REVIEW with that message.")]
    public string? BeforeFinishCallback { get; set; }

    /// <summary>Returns a copy where each hook kind given in <paramref name="overrides"/> wins, others are kept.</summary>
    public static HookDefinitions Merge(HookDefinitions? saved, HookDefinitions? overrides) =>
        ShallowMerge.Merge(saved, overrides) ?? new HookDefinitions();

    /// <summary>True when no hook of any kind is defined.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty =>
        (ColumnHooks is null || ColumnHooks.Count == 0) && (RowHooks is null || RowHooks.Count == 0) &&
        (BulkRowHooks is null || BulkRowHooks.Count == 0) && string.IsNullOrWhiteSpace(BeforeFinishCallback);
}

/// <summary>A hook over one field's whole column.</summary>
public sealed class ColumnHookDefinition
{
    [Required]
    [Description("Key of the field whose column the callback receives.")]
    public string FieldName { get; set; } = "";

    [Required]
    [Description("JavaScript source: (values) => [{index, value?, info?}].")]
    public string Callback { get; set; } = "";
}
