namespace JobTitleStudio.Core.Tables;

/// <summary>
/// Replays the bytes already taken from a stream for sniffing, then continues with the stream,
/// so that non-seekable uploads can be sniffed and still read from their first byte.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixStart, int prefixLength, Stream inner, bool leaveOpen) : Stream
{
    private int _prefixPosition = prefixStart;
    private readonly int _prefixEnd = prefixStart + prefixLength;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefixPosition < _prefixEnd)
        {
            var n = Math.Min(buffer.Length, _prefixEnd - _prefixPosition);
            prefix.AsSpan(_prefixPosition, n).CopyTo(buffer);
            _prefixPosition += n;
            return n;
        }
        return inner.Read(buffer);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
