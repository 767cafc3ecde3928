namespace ImportOperator.Tests.Telemetry;

/// <summary>
/// Just enough of the protobuf wire format to read OTLP requests in a test (no generated types are served here):
/// the fields of one message, each with its number and either a varint, a fixed value or a nested byte range.
/// </summary>
internal static class ProtoWire
{
    public readonly record struct Field(int Number, int WireType, ulong Scalar, ReadOnlyMemory<byte> Bytes)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Bytes.Span);
        public string Hex => Convert.ToHexStringLower(Bytes.Span);
        public double AsDouble => BitConverter.Int64BitsToDouble((long)Scalar);
        public long AsInt64 => (long)Scalar;
        public IEnumerable<Field> Message => Read(Bytes);
    }

    public static IEnumerable<Field> Read(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message.Span, ref position);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    yield return new Field(number, wireType, Varint(message.Span, ref position), default);
                    break;
                case 1:
                    yield return new Field(number, wireType, BitConverter.ToUInt64(message.Span.Slice(position, 8)), default);
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    yield return new Field(number, wireType, 0, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    yield return new Field(number, wireType, BitConverter.ToUInt32(message.Span.Slice(position, 4)), default);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"protobuf wire type {wireType} (field {number}) is not supported");
            }
        }
    }

    static ulong Varint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
