namespace JobTitleStudio.Core.Learning;

/// <summary>Partial selection of the largest values: the blend's top-N, naive Bayes candidates, a correction's competitors.</summary>
internal static class TopSelection
{
    /// <summary>
    /// Indexes of the <paramref name="top"/>.Length largest values above <paramref name="floor"/>, largest first;
    /// returns how many were found.
    /// </summary>
    public static int Largest(ReadOnlySpan<float> values, Span<int> top, float floor = float.NegativeInfinity)
    {
        var size = 0;
        // The value a newcomer must beat, kept in a local: most values fail this one comparison once the list is
        // full, so the loop is a scan without loads through the list.
        var bar = floor;
        for (var c = 0; c < values.Length; c++)
        {
            var value = values[c];
            if (value <= bar)
            {
                continue;
            }
            var at = size == top.Length ? size - 1 : size++;
            while (at > 0 && value > values[top[at - 1]])
            {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = c;
            if (size == top.Length)
            {
                bar = values[top[size - 1]];
            }
        }
        return size;
    }
}
