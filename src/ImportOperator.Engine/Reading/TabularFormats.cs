namespace ImportOperator.Engine.Reading;

/// <summary>The values of <see cref="ITabularReader.Format"/>.</summary>
public static class TabularFormats
{
    public const string Csv = "csv";
    public const string Tsv = "tsv";
    public const string Delimited = "delimited";
    public const string Xlsx = "xlsx";
    public const string Xls = "xls";
    public const string Json = "json";
}
