namespace ImportOperator.Crds;

/// <summary>
/// The CEL rules (x-kubernetes-validations) of the two CRDs. They are public so that the reconcilers can check the
/// same rules (defence in depth: a CRD applied by hand may be older) and the documentation can list them.
/// Each rule guards field access with has(), and bounds what it iterates (see the [MaxLength] on the lists it
/// walks) so that its estimated cost stays far inside the API server's per-rule budget.
/// </summary>
public static class CrdRules
{
    public static readonly CelRule ExactlyOneSchemaSource = new(
        "has(self.schemaRef) != has(self.fields)",
        "exactly one of schemaRef or fields must be set",
        "HeadlessImport spec");

    public static readonly CelRule ExactlyOneDataSource = new(
        "has(self.originalFilename) != has(self.initialData)",
        "exactly one of originalFilename or initialData must be set",
        "HeadlessImport spec");

    /// <summary>A transition rule: evaluated on update only, with oldSelf the stored spec.</summary>
    public static readonly CelRule SpecImmutable = new(
        "self == oldSelf",
        "spec is immutable: an import runs once; create a new HeadlessImport to import again",
        "HeadlessImport spec");

    /// <summary>O(n²) over the fields; the fields list and the key are bounded so the cost stays small.</summary>
    public static readonly CelRule UniqueFieldKeys = new(
        "self.all(f, self.exists_one(g, g.key == f.key))",
        "field keys must be unique",
        "spec.fields");

    public static readonly CelRule SelectHasOptions = new(
        "!has(self.type) || !(self.type in ['select', 'multi-select']) || (has(self.selectOptions) && size(self.selectOptions) > 0)",
        "a select or multi-select field needs at least one entry in selectOptions",
        "spec.fields[*]");

    public static readonly CelRule RequireWithHasFields = new(
        "!(self.validate in ['require_with', 'require_without', 'require_with_all', 'require_without_all']) || (has(self.fields) && size(self.fields) > 0)",
        "require_with, require_without, require_with_all and require_without_all need the keys of the other fields in fields",
        "spec.fields[*].validators[*]");

    public static readonly CelRule RequireWithValuesHasFieldValues = new(
        "!(self.validate in ['require_with_values', 'require_without_values', 'require_with_all_values', 'require_without_all_values']) || has(self.fieldValues)",
        "require_with_values, require_without_values, require_with_all_values and require_without_all_values need fieldValues",
        "spec.fields[*].validators[*]");

    public static readonly CelRule RegexHasPattern = new(
        "!(self.validate in ['regex_match', 'regex_exclude']) || (has(self.regex) && size(self.regex) > 0)",
        "regex_match and regex_exclude need regex",
        "spec.fields[*].validators[*]");

    public static readonly CelRule UniqueWithHasKey = new(
        "self.validate != 'unique_with' || (has(self.uniqueKey) && size(self.uniqueKey) > 0)",
        "unique_with needs uniqueKey",
        "spec.fields[*].validators[*]");

    /// <summary>Every rule, in the order the documentation lists them.</summary>
    public static IReadOnlyList<CelRule> All { get; } =
    [
        ExactlyOneSchemaSource, ExactlyOneDataSource, SpecImmutable, UniqueFieldKeys, SelectHasOptions,
        RequireWithHasFields, RequireWithValuesHasFieldValues, RegexHasPattern, UniqueWithHasKey,
    ];
}
