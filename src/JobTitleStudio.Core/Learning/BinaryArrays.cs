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
