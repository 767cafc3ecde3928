using System.Text;
using ImportOperator.Engine.Reading;
using ImportOperator.Engine.Results;

namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>Formula-injection cells: imported as the text they are, neutralised in every CSV we export.</summary>
public class FormulaInjectionTests
{
    [Fact]
    public void Formula_cells_reach_data_json_unchanged()
    {
        var file = HostileCorpus.FormulaInjection;
        using var run = HostileImport.Run(file);

        var data = run.AssertImported(file);
        Assert.Equal(HostileCorpus.FormulaStrings, data.Select(row => (string)row!["name"]!).ToArray());
    }

    [Fact]
    public void The_exported_csv_starts_every_formula_cell_with_an_apostrophe()
    {
        var file = HostileCorpus.FormulaInjection;
        using var run = HostileImport.Run(file);
        var csvPath = Path.Combine(run.Folder, CsvResultsWriter.FileName);

        CsvResultsWriter.Write(run.Outcome.DataPath, ["name", "email", "amount"], csvPath);

        var names = ReadCsvColumn(csvPath, 0);
        Assert.Equal(HostileCorpus.FormulaStrings.Select(f => "'" + f), names);
        Assert.All(names, name => Assert.DoesNotContain(name[0], "=+-@\t\r"));
    }

    /// <summary>One column of a CSV read back with the engine's own reader (header row left out).</summary>
    private static List<string> ReadCsvColumn(string path, int column)
    {
        using var stream = File.OpenRead(path);
        using var reader = TabularReaderFactory.Open(stream, path, new ReadOptions());
        var values = new List<string>();
        while (reader.TryReadRow(out var cells)) values.Add(cells[column]);
        return values[1..];
    }
}
