using System.Text;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>What stopped a chunk: the exception the whole-file run would have ended with at the same row.</summary>
internal sealed record ChunkFailure(OutcomePhase Phase, string Reason, string Message);

/// <summary>
/// A chunk's results on disk: a header naming the plan it belongs to, the processed rows in the
/// <see cref="RowSpill"/> format (result JSON plus the cells the merge reads), and a trailer with the failure that
/// stopped the chunk (if any) and the hooks' console output. Written under a temporary name and renamed when
/// complete, so that a chunk that died half-way leaves no file that looks finished.
/// </summary>
internal static class ChunkFile
{
    private static ReadOnlySpan<byte> Magic => "IOCHUNK1"u8;
    private const int Version = 1;

    // magic, version, chunk index, first row index, input length, row count, trailer offset
    private const int HeaderSize = 8 + 4 + 4 + 8 + 8 + 8 + 8;
    private const int RowCountOffset = 8 + 4 + 4 + 8 + 8;

    /// <summary>Writes one chunk's file: rows through <see cref="Rows"/>, then <see cref="Complete"/>.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly string _path;
        private readonly string _partialPath;
        private readonly FileStream _stream;
        private bool _completed;

        public Writer(string path, SplitPlan plan, SplitChunk chunk, IReadOnlyList<FieldDefinition> fields, bool[] keptFields)
        {
            _path = path;
            _partialPath = path + ".partial";
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
            _stream = new FileStream(_partialPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            using (var header = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true))
            {
                header.Write(Magic);
                header.Write(Version);
                header.Write(chunk.Index);
                header.Write(chunk.FirstRowIndex);
                header.Write(plan.InputLength);
                header.Write(0L); // row count, set by Complete
                header.Write(0L); // trailer offset, set by Complete: 0 marks an unfinished file
            }
            Rows = new RowSpill(_stream, fields, keptFields, keepJson: true, ownsStream: false);
        }

        public RowSpill Rows { get; }

        public void Complete(ChunkFailure? failure, IReadOnlyList<string> logLines, long droppedLogBytes)
        {
            Rows.Flush();
            var trailerOffset = _stream.Position;
            using (var w = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(failure is not null);
                if (failure is not null)
                {
                    w.Write((byte)failure.Phase);
                    w.Write(failure.Reason);
                    w.Write(failure.Message);
                }
                w.Write(logLines.Count);
                foreach (var line in logLines) w.Write(line);
                w.Write(droppedLogBytes);
                w.Flush();
                _stream.Position = RowCountOffset;
                w.Write(Rows.Count);
                w.Write(trailerOffset);
            }
            Rows.Dispose();
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            File.Move(_partialPath, _path, overwrite: true);
            _completed = true;
        }

        public void Dispose()
        {
            if (_completed) return;
            Rows.Dispose();
            _stream.Dispose();
            File.Delete(_partialPath);
        }
    }

    /// <summary>A finished chunk file, checked against the plan it must belong to.</summary>
    public sealed class Contents
    {
        private Contents(string path, long rowCount, ChunkFailure? failure, IReadOnlyList<string> logLines, long droppedLogBytes)
        {
            Path = path;
            RowCount = rowCount;
            Failure = failure;
            LogLines = logLines;
            DroppedLogBytes = droppedLogBytes;
        }

        public string Path { get; }
        public long RowCount { get; }
        public ChunkFailure? Failure { get; }
        public IReadOnlyList<string> LogLines { get; }
        public long DroppedLogBytes { get; }

        /// <summary>
        /// Reads the header and trailer of <paramref name="path"/>: a missing file throws FileNotFoundException, a file
        /// of another chunk, plan or input (or unfinished) InvalidDataException, each naming the file.
        /// </summary>
        public static Contents Open(string path, SplitPlan plan, SplitChunk chunk)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"{path}: the file of split chunk {chunk.Index} is missing (did its worker run to the end?).", path);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            try
            {
                Span<byte> magic = stackalloc byte[8];
                if (stream.Length < HeaderSize || stream.Read(magic) != 8 || !magic.SequenceEqual(Magic))
                    throw Foreign(path, "it is not a split chunk file");
                if (r.ReadInt32() is var version && version != Version) throw Foreign(path, $"chunk file version {version}, expected {Version}");
                if (r.ReadInt32() is var index && index != chunk.Index) throw Foreign(path, $"it holds chunk {index}, expected chunk {chunk.Index}");
                if (r.ReadInt64() is var first && first != chunk.FirstRowIndex)
                    throw Foreign(path, $"its rows start at row {first:N0}, the plan's chunk {chunk.Index} at row {chunk.FirstRowIndex:N0}");
                if (r.ReadInt64() is var length && length != plan.InputLength)
                    throw Foreign(path, $"it was made from an input of {length:N0} bytes, the plan's is {plan.InputLength:N0} bytes");
                var rowCount = r.ReadInt64();
                var trailerOffset = r.ReadInt64();
                if (trailerOffset < HeaderSize || trailerOffset > stream.Length) throw Foreign(path, "it is unfinished");
                stream.Position = trailerOffset;
                var failure = r.ReadBoolean() ? new ChunkFailure((OutcomePhase)r.ReadByte(), r.ReadString(), r.ReadString()) : null;
                if (failure is null && rowCount != chunk.RowCount)
                    throw Foreign(path, $"it holds {rowCount:N0} rows, the plan's chunk {chunk.Index} has {chunk.RowCount:N0}");
                var lines = new string[r.ReadInt32()];
                for (var i = 0; i < lines.Length; i++) lines[i] = r.ReadString();
                return new Contents(path, rowCount, failure, lines, r.ReadInt64());
            }
            catch (EndOfStreamException e)
            {
                throw Foreign(path, "it is truncated", e);
            }
        }

        /// <summary>Hands every row to <paramref name="accept"/> in order, with its result JSON.</summary>
        public void ReadRows(int fieldCount, Action<ImportRow, ReadOnlyMemory<byte>> accept)
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            stream.Position = HeaderSize;
            RowSpill.ReadRows(stream, RowCount, fieldCount, accept);
        }

        private static InvalidDataException Foreign(string path, string why, Exception? inner = null) =>
            new($"{path}: not a result of this split plan: {why}.", inner);
    }
}
