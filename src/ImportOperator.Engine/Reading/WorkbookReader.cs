using System.Diagnostics.CodeAnalysis;
using ExcelDataReader;
using ExcelDataReader.Exceptions;
using ImportOperator.Engine.Diagnostics;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// Reads one sheet of an XLSX or XLS workbook with ExcelDataReader, row by row (never the whole sheet at once),
/// with each cell's value (a formula's cached result) turned into text by <see cref="WorkbookCellText"/>.
/// </summary>
internal sealed class WorkbookReader : ITabularReader
{
    private const string Damaged = "the workbook is damaged or truncated";

    private readonly IExcelDataReader _excel;
    private readonly CountingStream _counter;
    private readonly Stream? _ownedCopy;
    private readonly long _length;
    private readonly string _fileName;

    private WorkbookReader(IExcelDataReader excel, CountingStream counter, Stream? ownedCopy, long length, string format, string fileName)
    {
        _excel = excel;
        _counter = counter;
        _ownedCopy = ownedCopy;
        _length = length;
        Format = format;
        _fileName = fileName;
    }

    public string Format { get; }

    public bool FirstRowIsHeader => false;

    public long SourceLine { get; private set; }

    // The reader seeks about the container, so the count can pass the size; progress never should.
    public long BytesRead => Math.Min(_counter.BytesRead, _length);

    public static WorkbookReader Open(SniffedInput input, bool isXlsx, string fileName, ReadOptions options)
    {
        // Both containers are read by seeking; a forward-only upload is first copied to a temporary file.
        Stream? ownedCopy = input.ContentIsSeekable && input.Content.Position == 0 ? null : TempFileBuffer.CopyOf(input.Content);
        var seekable = ownedCopy ?? input.Content;
        IExcelDataReader? excel = null;
        try
        {
            if (isXlsx)
            {
                ZipWorkbookCheck.EnsureWorkbook(seekable, fileName);
            }

            var counter = new CountingStream(seekable, leaveOpen: true);
            excel = CreateExcelReader(counter, isXlsx, fileName);
            SelectSheet(excel, options.SheetName, fileName);
            return new WorkbookReader(excel, counter, ownedCopy, seekable.Length, isXlsx ? TabularFormats.Xlsx : TabularFormats.Xls, fileName);
        }
        catch
        {
            excel?.Dispose();
            ownedCopy?.Dispose();
            throw;
        }
    }

    public bool TryReadRow([NotNullWhen(true)] out string[]? cells)
    {
        cells = null;
        try
        {
            if (!_excel.Read())
            {
                return false;
            }

            SourceLine++;
            cells = CurrentRowCells();
            return true;
        }
        catch (Exception e) when (e is not ImportFailureException)
        {
            throw ReadFailures.Unreadable(_fileName,
                $"row {SourceLine + 1}: {WhatIsWrong(e)}", e);
        }
    }

    public void Dispose()
    {
        _excel.Dispose();
        _counter.Dispose();
        _ownedCopy?.Dispose();
    }

    private string[] CurrentRowCells()
    {
        // Trailing empty cells are formatting, not data: trim them so ragged rows stay short.
        var last = _excel.FieldCount - 1;
        while (last >= 0 && IsEmpty(_excel.GetValue(last)))
        {
            last--;
        }

        if (last < 0)
        {
            return [];
        }

        var cells = new string[last + 1];
        for (var i = 0; i <= last; i++)
        {
            cells[i] = WorkbookCellText.Format(_excel.GetValue(i));
        }

        return cells;
    }

    private static bool IsEmpty(object? value) => value is null || value is string { Length: 0 };

    private static IExcelDataReader CreateExcelReader(Stream stream, bool isXlsx, string fileName)
    {
        var configuration = new ExcelReaderConfiguration
        {
            LeaveOpen = true,
            FallbackEncoding = TextEncodings.Windows1252,
        };
        try
        {
            return isXlsx
                ? ExcelReaderFactory.CreateOpenXmlReader(stream, configuration)
                : ExcelReaderFactory.CreateBinaryReader(stream, configuration);
        }
        catch (InvalidPasswordException e)
        {
            throw ReadFailures.Unreadable(fileName,
                "the workbook is protected by a password; remove the password in Excel and upload it again.", e);
        }
        catch (HeaderException e) when (!isXlsx)
        {
            throw ReadFailures.Unreadable(fileName,
                "this is an old-style Office file (OLE2) that holds no Excel workbook, or a damaged one; upload the data as .xlsx, .csv or .json.", e);
        }
        catch (Exception e) when (e is not ImportFailureException)
        {
            throw ReadFailures.Unreadable(fileName, WhatIsWrong(e), e);
        }
    }

    /// <summary>
    /// The reader's exception in words a user can act on. XML with a DTD is refused by the XML parser (entity
    /// expansion can reach gigabytes, external entities read local files); Excel never writes one, and the parser's
    /// own advice, to enable DTD processing, is not for our users.
    /// </summary>
    private static string WhatIsWrong(Exception e) => e is System.Xml.XmlException && e.Message.Contains("DTD", StringComparison.Ordinal)
        ? "the workbook's XML declares a DTD (entity definitions), which Excel never writes and which is refused because entities can expand to gigabytes or read local files. Save it again from Excel, or export the sheet as CSV."
        : $"{Damaged} ({e.Message}). Save it again from Excel, or export the sheet as CSV.";

    /// <summary>Moves to the sheet named in the settings (any case), or stays on the first sheet.</summary>
    private static void SelectSheet(IExcelDataReader excel, string? sheetName, string fileName)
    {
        if (string.IsNullOrWhiteSpace(sheetName))
        {
            return;
        }

        var wanted = sheetName.Trim();
        var names = new List<string>();
        do
        {
            var name = excel.Name ?? "";
            if (name.Trim().Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            names.Add($"\"{name}\"");
        }
        while (excel.NextResult());

        throw ReadFailures.SheetNotFound(fileName,
            $"there is no sheet named \"{wanted}\" (uploadStep.sheetOverride); the workbook has {string.Join(", ", names)}.");
    }
}
