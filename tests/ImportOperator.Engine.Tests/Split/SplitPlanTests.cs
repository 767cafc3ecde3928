using System.Text;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Pipeline.Split;
using ImportOperator.Engine.Schema;
using ImportOperator.Engine.Tests.Reading;
using static ImportOperator.Engine.Tests.Split.SplitTestKit;

namespace ImportOperator.Engine.Tests.Split;

/// <summary>When the planner splits, why it does not, and how the plan and chunk files are checked.</summary>
public class SplitPlanTests
{
    private static readonly SplitOptions Small = new() { ThresholdBytes = 1, TargetChunkBytes = 10_000 };

    private static SplitDecision PlanOf(SplitTestKit kit, byte[] content, string name = "contacts.csv",
        SplitOptions? options = null, HookDefinitions? hooks = null)
    {
        var input = kit.Write(content, name);
        return SplitImport.Plan(kit.Request(input, "out", ContactFields(), hooks: hooks), options ?? Small);
    }

    [Fact]
    public void Workbooks_are_processed_whole()
    {
        using var kit = Create();
        var decision = PlanOf(kit, HandMadeXlsx.WithSheetData("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Name</t></is></c></row>"), "contacts.xlsx");
        Assert.False(decision.IsSplit);
        Assert.Contains("XLSX", decision.WhyWhole);
    }

    [Fact]
    public void Json_files_are_processed_whole()
    {
        using var kit = Create();
        var json = "[" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"{{\"Name\":\"n{i}\"}}")) + "]";
        var decision = PlanOf(kit, Encoding.UTF8.GetBytes(json), "contacts.json");
        Assert.Contains("JSON", decision.WhyWhole);
    }

    [Fact]
    public void A_file_below_the_threshold_is_processed_whole_and_says_its_size()
    {
        using var kit = Create();
        var content = Csv(ContactRows(100), ContactHeader);
        var decision = PlanOf(kit, content, options: new SplitOptions { ThresholdBytes = 1_000_000, TargetChunkBytes = 1000 });
        Assert.Contains($"{content.Length:N0} bytes", decision.WhyWhole);
        Assert.Contains("threshold", decision.WhyWhole);
    }

    [Fact]
    public void A_file_of_fewer_rows_than_two_batches_fits_one_chunk()
    {
        using var kit = Create();
        var decision = PlanOf(kit, Csv(ContactRows(2000), ContactHeader), options: new SplitOptions { ThresholdBytes = 1, TargetChunkBytes = 100 });
        Assert.Contains("fits one chunk", decision.WhyWhole);
    }

    [Theory]
    [InlineData("Name 7000,\"x\"y,1,C1,City\n", "line 7002", "after the closing quote")]
    [InlineData("Name 7000,a\"b,1,C1,City\n", "line 7002", "quote inside an unquoted field")]
    [InlineData("Name 7000,ok,1,C1,\"never closed\n", "line 7002", "never closed")]
    [InlineData("Name 7000,ok,1,C1,City\rName 7001,ok,1,C1,City\n", "line 7002", "carriage return")]
    public void An_irregular_record_late_in_the_file_keeps_it_whole_naming_the_line(string bad, string line, string what)
    {
        using var kit = Create();
        IEnumerable<string[]> Plain(int count) => ContactRows(count).Select(r => (string[])[r[0], r[1], r[2], r[3], "City"]);
        var content = Csv(Plain(7000), ContactHeader).Concat(Encoding.UTF8.GetBytes(bad)).Concat(Csv(Plain(500))).ToArray();
        var decision = PlanOf(kit, content);
        Assert.False(decision.IsSplit);
        Assert.Contains(line, decision.WhyWhole);
        Assert.Contains(what, decision.WhyWhole);
    }

    [Fact]
    public void A_failing_column_hook_keeps_the_import_whole()
    {
        using var kit = Create();
        var hooks = new HookDefinitions { ColumnHooks = [new() { FieldName = "name", Callback = "(values) => { throw new Error('no column today'); }" }] };
        var decision = PlanOf(kit, Csv(ContactRows(9000), ContactHeader), hooks: hooks);
        Assert.Contains("column hook", decision.WhyWhole);
        Assert.Contains("no column today", decision.WhyWhole);
    }

    [Fact]
    public void Windows_1252_text_is_processed_whole()
    {
        using var kit = Create();
        var text = "Name,Email,Amount,Code,City\n" + string.Concat(Enumerable.Range(0, 9000).Select(i => $"Zoë {i},z{i}@x.com,1,C{i},Köln\n"));
        var decision = PlanOf(kit, Encoding.Latin1.GetBytes(text));
        Assert.Contains("only UTF-8", decision.WhyWhole);
    }

    [Fact]
    public void Chunks_cover_every_row_once_at_record_boundaries_and_batch_multiples()
    {
        using var kit = Create();
        var content = Csv(ContactRows(9000), ContactHeader, "\r\n");
        var plan = PlanOf(kit, content).Plan!;
        Assert.Equal(9000, plan.RowCount);
        Assert.Equal(content.Length, plan.Chunks[^1].EndByte);
        for (var i = 0; i < plan.Chunks.Count; i++)
        {
            var chunk = plan.Chunks[i];
            Assert.Equal(0, chunk.FirstRowIndex % ImportProcessor.BatchSize);
            Assert.Equal((byte)'\n', content[chunk.StartByte - 1]);
            if (i > 0) Assert.Equal(plan.Chunks[i - 1].EndByte, chunk.StartByte);
            if (i > 0) Assert.Equal(plan.Chunks[i - 1].FirstRowIndex + plan.Chunks[i - 1].RowCount, chunk.FirstRowIndex);
        }
    }

    [Fact]
    public void A_plan_round_trips_through_json()
    {
        using var kit = Create();
        var plan = PlanOf(kit, Csv(ContactRows(9000), ContactHeader, delimiter: ';')).Plan!;
        var copy = SplitPlan.FromJson(plan.ToJson(), "plan.json");
        Assert.Equal(plan.Chunks, copy.Chunks);
        Assert.Equal((plan.InputLength, plan.Delimiter, plan.HeadLength, plan.HeaderPosition, plan.DroppedRows),
            (copy.InputLength, copy.Delimiter, copy.HeadLength, copy.HeaderPosition, copy.DroppedRows));
        Assert.Equal(';', copy.Delimiter);
    }

    [Theory]
    [InlineData("{\"version\":1", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"version\":1,\"inputLength\":10,\"delimiter\":\",\",\"headLength\":5,\"headerPosition\":0,\"droppedRows\":0,\"chunks\":[{\"index\":0,\"startByte\":0}]}", "chunks[0].endByte is missing")]
    [InlineData("{\"version\":2}", "version is 2")]
    public void A_damaged_plan_names_its_source(string json, string what)
    {
        var error = Assert.Throws<FormatException>(() => SplitPlan.FromJson(Encoding.UTF8.GetBytes(json), "s3://bucket/imports/a/plan.json"));
        Assert.Contains("s3://bucket/imports/a/plan.json", error.Message);
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void Merge_refuses_a_missing_chunk_file_naming_it()
    {
        using var kit = Create();
        var input = kit.Write(Csv(ContactRows(9000), ContactHeader));
        var request = kit.Request(input, "out", ContactFields());
        var plan = kit.Plan(request, 4);
        var files = kit.RunChunks(request, plan);
        File.Delete(files[1]);
        var error = Assert.Throws<FileNotFoundException>(() => SplitImport.Merge(request, plan, files, FileRanges.Of(input)));
        Assert.Contains(files[1], error.Message);
    }

    [Fact]
    public void Merge_refuses_chunk_files_of_another_chunk_or_input()
    {
        using var kit = Create();
        var input = kit.Write(Csv(ContactRows(9000), ContactHeader));
        var request = kit.Request(input, "out", ContactFields());
        var plan = kit.Plan(request, 4);
        var files = kit.RunChunks(request, plan);

        var swapped = Assert.Throws<InvalidDataException>(() => SplitImport.Merge(request, plan, [files[1], files[0], .. files.Skip(2)], FileRanges.Of(input)));
        Assert.Contains(files[1], swapped.Message);

        // Chunk files made from another version of the input (its length differs from this plan's).
        var otherInput = plan with { InputLength = plan.InputLength + 1 };
        var unknownLength = new ImportRequest
        {
            Fields = request.Fields, ImportIdentifier = request.ImportIdentifier, FileName = request.FileName,
            OpenInput = request.OpenInput, OutputDirectory = request.OutputDirectory,
        };
        var foreign = Assert.Throws<InvalidDataException>(() => SplitImport.Merge(unknownLength, otherInput, files, FileRanges.Of(input)));
        Assert.Contains(files[0], foreign.Message);
        Assert.Contains("bytes", foreign.Message);
    }

    [Fact]
    public void An_excel_sep_line_keeps_the_file_whole()
    {
        using var kit = Create();
        var decision = PlanOf(kit, Csv(ContactRows(9000), ContactHeader, prefix: "sep=,\n"));
        Assert.Contains("sep=", decision.WhyWhole);
    }

    [Fact]
    public void A_forward_only_input_of_known_length_is_planned_the_same()
    {
        using var kit = Create();
        var input = kit.Write(Csv(ContactRows(9000), ContactHeader));
        var seekable = kit.Request(input, "out", ContactFields());
        var forwardOnly = new ImportRequest
        {
            Fields = seekable.Fields, ImportIdentifier = seekable.ImportIdentifier, FileName = seekable.FileName,
            OpenInput = () => new ForwardOnlyStream(File.OpenRead(input)), InputLength = seekable.InputLength,
            OutputDirectory = seekable.OutputDirectory,
        };
        Assert.Equal(SplitImport.Plan(seekable, Small).Plan!.ToJson(), SplitImport.Plan(forwardOnly, Small).Plan!.ToJson());
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    [Fact]
    public void Max_chunks_makes_chunks_larger_instead_of_more()
    {
        using var kit = Create();
        var plan = PlanOf(kit, Csv(ContactRows(20_000), ContactHeader), options: new SplitOptions { ThresholdBytes = 1, TargetChunkBytes = 1, MaxChunks = 3 }).Plan!;
        Assert.InRange(plan.Chunks.Count, 2, 3);
        Assert.Equal(20_000, plan.RowCount);
    }

    [Fact]
    public void A_chunk_run_again_replaces_its_file_and_the_merge_is_unchanged()
    {
        using var kit = Create();
        var input = kit.Write(Csv(ContactRows(9000), ContactHeader));
        var request = kit.Request(input, "out", ContactFields(new ValidatorDefinition { Validate = ValidatorKinds.Unique }));
        var plan = kit.Plan(request, 4);
        var files = kit.RunChunks(request, plan);
        var first = SplitImport.Merge(request, plan, files, FileRanges.Of(input));
        var data = File.ReadAllBytes(first.DataPath);

        SplitImport.RunChunk(request, plan, 1, FileRanges.Of(input), files[1]); // a retried pod
        var again = SplitImport.Merge(request, plan, files, FileRanges.Of(input));
        Assert.Equal(data, File.ReadAllBytes(again.DataPath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(files[0])!, "*.partial"));
    }

    [Fact]
    public void A_chunk_reader_names_the_files_lines()
    {
        var text = Encoding.UTF8.GetBytes("a,\"two\nlines\"\nc,d\n");
        using var reader = ImportOperator.Engine.Reading.DelimitedTextReader.OpenPart(new MemoryStream(text), ',', "big.csv", firstLine: 100);
        Assert.True(reader.TryReadRow(out _));
        Assert.Equal(100, reader.SourceLine);
        Assert.True(reader.TryReadRow(out var cells));
        Assert.Equal(["c", "d"], cells);
        Assert.Equal(102, reader.SourceLine);
    }
}
