using System.Buffers.Binary;
using System.Text;

namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>
/// Reads the protobuf wire format, a field at a time. Each field is a key varint (field number &lt;&lt; 3 | wire type)
/// and then, by wire type: 0 a varint, 1 eight bytes little-endian, 2 a varint length and that many bytes (a string,
/// an embedded message or a packed repeated field), 5 four bytes little-endian. Varints are 7 bits a byte, low
/// group first, the top bit set on every byte but the last (a writer may pad with 0x80 bytes; they read the same).
/// </summary>
internal ref struct ProtobufReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProtobufReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public int Field { get; private set; }

    public int WireType { get; private set; }

    /// <summary>Moves to the next field; false at the end.</summary>
    public bool Next()
    {
        if (_position >= _data.Length)
        {
            return false;
        }

        var key = ReadVarint();
        Field = (int)(key >> 3);
        WireType = (int)(key & 7);
        return true;
    }

    public ulong Varint() => Expect(0) ? ReadVarint() : 0;

    public ulong Fixed64()
    {
        Expect(1);
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice(_position, 8));
        _position += 8;
        return value;
    }

    public double Double() => BitConverter.UInt64BitsToDouble(Fixed64());

    public ReadOnlySpan<byte> Bytes()
    {
        Expect(2);
        var length = checked((int)ReadVarint());
        var bytes = _data.Slice(_position, length);
        _position += length;
        return bytes;
    }

    public string String() => Encoding.UTF8.GetString(Bytes());

    /// <summary>Passes over the current field's value.</summary>
    public void Skip()
    {
        switch (WireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                _position += 8;
                break;
            case 2:
                Bytes();
                break;
            case 5:
                _position += 4;
                break;
            default:
                throw new FormatException($"wire type {WireType} (field {Field}) is not one OTLP uses");
        }
    }

    private bool Expect(int wireType) =>
        WireType == wireType ? true : throw new FormatException($"field {Field} has wire type {WireType}, not {wireType}");

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = _data[_position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("a varint longer than 10 bytes");
    }
}
