using System.IO.Compression;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// Tells an XLSX workbook from the other ZIP files people upload (a Word document, an OpenDocument
/// spreadsheet, a zipped export) and from a workbook cut short in transfer, before the workbook reader sees it.
/// </summary>
internal static class ZipWorkbookCheck
{
    // Excel's parts deflate 5 to 20 times, sparse sheets up to about 50; 100 and more is a zip bomb (Apache POI draws
    // the same line). Small parts are let through whatever their ratio: they cannot exhaust anything.
    private const double MaxInflateRatio = 100;
    private const long RatioCheckedFromBytes = 16L * 1024 * 1024;

    public static void EnsureWorkbook(Stream seekable, string fileName)
    {
        var origin = seekable.Position;
        try
        {
            using var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            var problem = WhatElse(zip) ?? ZipBombPart(zip);
            if (problem is not null)
            {
                throw ReadFailures.Unreadable(fileName, problem);
            }
        }
        catch (InvalidDataException e)
        {
            throw ReadFailures.Unreadable(fileName,
                "the workbook is damaged or truncated (its ZIP structure cannot be read). Upload it again, or save it again from Excel.", e);
        }
        finally
        {
            seekable.Position = origin;
        }
    }

    /// <returns>Null for an XLSX workbook, else what the ZIP is instead.</returns>
    private static string? WhatElse(ZipArchive zip)
    {
        if (Has(zip, "xl/workbook.bin"))
        {
            return "this is an Excel binary workbook (.xlsb), which cannot be read; save it as .xlsx or .csv and upload it again.";
        }

        // Excel always writes xl/workbook.xml; other writers may name the part differently but keep the xl/ folder.
        if (Has(zip, "xl/workbook.xml") || (Has(zip, "[Content_Types].xml") && HasFolder(zip, "xl/")))
        {
            return null;
        }

        if (Has(zip, "content.xml") && Has(zip, "mimetype"))
        {
            return "this is an OpenDocument file (.ods), which cannot be read; save it as .xlsx or .csv and upload it again.";
        }

        if (Has(zip, "word/document.xml"))
        {
            return "this is a Word document, not a spreadsheet; upload the data as .xlsx, .csv or .json.";
        }

        return "this is a ZIP archive that is not an Excel workbook; unzip it and upload the spreadsheet inside.";
    }

    /// <returns>Null when every part inflates as a workbook's do, else what is wrong with the first that does not.</returns>
    private static string? ZipBombPart(ZipArchive zip)
    {
        foreach (var entry in zip.Entries)
        {
            if (entry.Length > RatioCheckedFromBytes && entry.Length > MaxInflateRatio * Math.Max(1, entry.CompressedLength))
            {
                return $"the workbook's part {entry.FullName} inflates from {entry.CompressedLength:N0} to {entry.Length:N0} bytes ({entry.Length / Math.Max(1, entry.CompressedLength):N0} times), which is how a zip bomb looks, not how Excel writes a sheet; save the sheet as .csv and upload that.";
            }
        }

        return null;
    }

    private static bool HasFolder(ZipArchive zip, string folder)
    {
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.StartsWith(folder, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Has(ZipArchive zip, string entryName)
    {
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.Equals(entryName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
