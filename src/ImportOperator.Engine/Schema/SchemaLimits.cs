namespace ImportOperator.Engine.Schema;

/// <summary>
/// Size limits of a schema. The API server enforces them (maxItems/maxLength in the CRDs) because its CEL rules
/// iterate these lists, and it refuses a CRD whose rules could cost more than its budget.
/// </summary>
public static class SchemaLimits
{
    /// <summary>Longest accepted field key; bounds what the key-uniqueness rule compares.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>Most validators on one field; bounds the per-validator rules' estimated cost.</summary>
    public const int MaxValidators = 64;

    /// <summary>
    /// Most fields in one schema. The key-uniqueness rule is quadratic in it: 200² comparisons of keys of at most
    /// 128 characters stay under the API server's per-rule cost limit (1,000,000).
    /// </summary>
    public const int MaxFields = 200;
}
