namespace HandLoop;

/// <summary>RFC 4180 records from a text reader: quoted fields, doubled quotes, CRLF or LF line ends.</summary>
internal sealed class CsvRecords(TextReader reader)
{
    private readonly char[] _buffer = new char[1 << 16];
    private readonly List<string> _fields = new(16);
    private char[] _field = new char[256];
    private int _fieldLength;
    private int _position;
    private int _end;

    public bool TryRead(out List<string> fields)
    {
        fields = _fields;
        _fields.Clear();
        _fieldLength = 0;
        var quoted = false;
        var sawAny = false;
        while (true)
        {
            if (_position == _end && !Fill())
            {
                if (!sawAny)
                {
                    return false;
                }

                EndField();
                return true;
            }

            var c = _buffer[_position++];
            sawAny = true;
            if (quoted)
            {
                if (c != '"')
                {
                    Append(c);
                }
                else if (Peek() == '"')
                {
                    _position++;
                    Append('"');
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == ',')
            {
                EndField();
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == '\n')
            {
                EndField();
                return true;
            }
            else if (c != '\r')
            {
                Append(c);
            }
        }
    }

    private int Peek() => _position < _end || Fill() ? _buffer[_position] : -1;

    private bool Fill()
    {
        _end = reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _end > 0;
    }

    private void Append(char c)
    {
        if (_fieldLength == _field.Length)
        {
            Array.Resize(ref _field, _field.Length * 2);
        }

        _field[_fieldLength++] = c;
    }

    private void EndField()
    {
        _fields.Add(new string(_field, 0, _fieldLength));
        _fieldLength = 0;
    }
}
