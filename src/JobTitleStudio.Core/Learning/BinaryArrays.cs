using System.Runtime.InteropServices;

namespace JobTitleStudio.Core.Learning;

/// <summary>
/// Length-prefixed arrays as raw little-endian bytes: one read per array instead of one call per number
/// is what keeps a model file loading in well under a second.
/// </summary>
internal static class BinaryArrays
{
    private const int MaxLength = 1 << 26;

    public static void WriteInts(BinaryWriter writer, ReadOnlySpan<int> values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    public static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    public static void WriteUShorts(BinaryWriter writer, ReadOnlySpan<ushort> values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    public static ushort[] ReadUShorts(BinaryReader reader)
    {
        var values = new ushort[ReadLength(reader)];
        ReadExactly(reader, MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>
    /// Rows of ascending ids (row r is values[start[r]..start[r + 1]]) as LEB128 varints of the gaps between
    /// neighbours (the first of a row as is): hashed feature ids of one title are ~2^14 apart, so most take 2
    /// bytes instead of 4.
    /// </summary>
    public static void WriteAscendingRows(BinaryWriter writer, ReadOnlySpan<int> start, ReadOnlySpan<int> values)
    {
        var bytes = new List<byte>(values.Length * 2);
        for (var r = 0; r + 1 < start.Length; r++)
        {
            var previous = 0;
            for (var i = start[r]; i < start[r + 1]; i++)
            {
                var gap = (uint)(values[i] - previous);
                previous = values[i];
                while (gap >= 0x80)
                {
                    bytes.Add((byte)(gap | 0x80));
                    gap >>= 7;
                }
                bytes.Add((byte)gap);
            }
        }
        writer.Write(bytes.Count);
        writer.Write(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
    }

    /// <summary>Reads what <see cref="WriteAscendingRows"/> wrote, checking that every row ascends and stays below <paramref name="bound"/>.</summary>
    public static int[] ReadAscendingRows(BinaryReader reader, ReadOnlySpan<int> start, int bound)
    {
        var bytes = new byte[ReadLength(reader)];
        ReadExactly(reader, bytes);
        var values = new int[start[^1]];
        var at = 0;
        for (var r = 0; r + 1 < start.Length; r++)
        {
            var previous = -1L;
            var current = 0L;
            for (var i = start[r]; i < start[r + 1]; i++)
            {
                var gap = 0L;
                var shift = 0;
                byte b;
                do
                {
                    if (at >= bytes.Length || shift > 28)
                    {
                        throw new InvalidDataException("A row of feature ids is cut short or malformed.");
                    }
                    b = bytes[at++];
                    gap |= (long)(b & 0x7F) << shift;
                    shift += 7;
                }
                while ((b & 0x80) != 0);
                current = i == start[r] ? gap : current + gap;
                if (current <= previous || current >= bound)
                {
                    throw new InvalidDataException($"Feature id {current} is out of order or out of range (0..{bound - 1}).");
                }
                values[i] = (int)current;
                previous = current;
            }
        }
        if (at != bytes.Length)
        {
            throw new InvalidDataException("Rows of feature ids have trailing bytes.");
        }
        return values;
    }

    /// <summary>A CSR offset table for <paramref name="rows"/> rows: rows + 1 entries from 0, never decreasing.</summary>
    public static int[] ReadOffsets(BinaryReader reader, int rows)
    {
        var offsets = ReadInts(reader, int.MaxValue);
        if (offsets.Length != rows + 1 || offsets[0] != 0)
        {
            throw new InvalidDataException($"An offset table has {offsets.Length} entries for {rows} rows.");
        }
        for (var i = 1; i < offsets.Length; i++)
        {
            if (offsets[i] < offsets[i - 1])
            {
                throw new InvalidDataException("An offset table goes backwards.");
            }
        }
        return offsets;
    }

    /// <param name="bound">Every value must be in [0, bound): category indexes or feature ids.</param>
    public static int[] ReadInts(BinaryReader reader, int bound)
    {
        var values = new int[ReadLength(reader)];
        ReadExactly(reader, MemoryMarshal.AsBytes(values.AsSpan()));
        foreach (var value in values)
        {
            if ((uint)value >= (uint)bound)
            {
                throw new InvalidDataException($"Value {value} is out of range (0..{bound - 1}).");
            }
        }
        return values;
    }

    public static float[] ReadFloats(BinaryReader reader)
    {
        var values = new float[ReadLength(reader)];
        ReadExactly(reader, MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    public static void ReadExactly(BinaryReader reader, Span<byte> target)
    {
        while (target.Length > 0)
        {
            var read = reader.Read(target);
            if (read == 0)
            {
                throw new EndOfStreamException("The file ends in the middle of an array.");
            }
            target = target[read..];
        }
    }

    private static int ReadLength(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > MaxLength)
        {
            throw new InvalidDataException($"An array claims {length} entries.");
        }
        return length;
    }
}
