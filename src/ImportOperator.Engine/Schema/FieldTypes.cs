namespace ImportOperator.Engine.Schema;

/// <summary>The names of the 17 field types, exactly as they are written in manifests (Dromo's names).</summary>
public static class FieldTypes
{
    public const string String = "string";
    public const string Email = "email";
    public const string Url = "url";
    public const string Domain = "domain";
    public const string Number = "number";
    public const string Checkbox = "checkbox";
    public const string Date = "date";
    public const string DateTime = "datetime";
    public const string Time = "time";
    public const string Select = "select";
    public const string MultiSelect = "multi-select";
    public const string PhoneNumber = "phone-number";
    public const string Country = "country";
    public const string UsStateTerritory = "us-state-territory";
    public const string UsZipCode = "us-zip-code";
    public const string Ssn = "ssn";
    public const string Uuid = "uuid";

    /// <summary>Every type name, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        String, Email, Url, Domain, Number, Checkbox, Date, DateTime, Time, Select, MultiSelect,
        PhoneNumber, Country, UsStateTerritory, UsZipCode, Ssn, Uuid,
    ];
}
