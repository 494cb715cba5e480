namespace JobTitleStudio.Core.Text;

/// <summary>A guessed language ("en", "de", "es", or "und" when there is nothing to go on) and how sure the guess is (0..1).</summary>
public sealed record LanguageGuess(string Language, double Confidence);

/// <summary>
/// Guesses a title's language from character trigrams. The shipped profiles are counted from the
/// reference titles (English from O*NET, German and Spanish from ESCO) when <c>models/text/</c> is
/// generated, and loaded from there. Trigrams are hashed into a
/// small table per language, so a guess allocates nothing and costs a few dozen lookups.
/// </summary>
public sealed class LanguageGuesser
{
    /// <summary>Returned when the text has no letters.</summary>
    public const string Undetermined = "und";

    internal const int Buckets = 1 << 15;
    private static readonly Lazy<LanguageGuesser> Default = new(TextTables.LoadGuesser, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly LanguageGuess Nothing = new(Undetermined, 0);

    private readonly string[] _languages;

    /// <summary>Log-probabilities by bucket, then language: the languages of one trigram share a cache line.</summary>
    private readonly float[] _logProbabilities;

    /// <param name="samples">Per language code, texts in that language.</param>
    public LanguageGuesser(IReadOnlyDictionary<string, IEnumerable<string>> samples)
        : this(Count(samples))
    {
    }

    internal LanguageGuesser(IReadOnlyList<TrigramProfile> profiles)
    {
        if (profiles.Count < 2)
        {
            throw new ArgumentException($"Got samples for {profiles.Count} language(s); a guess needs at least two to choose from.", nameof(profiles));
        }
        _languages = [.. profiles.Select(p => p.Language)];
        _logProbabilities = new float[Buckets * _languages.Length];
        for (var l = 0; l < _languages.Length; l++)
        {
            var counts = profiles[l].Counts;
            var total = counts.Sum();
            for (var b = 0; b < Buckets; b++)
            {
                _logProbabilities[b * _languages.Length + l] = (float)Math.Log((counts[b] + 0.5) / (total + 0.5 * Buckets));
            }
        }
    }

    /// <summary>The guesser of the shipped trigram counts in <c>models/text/</c>, loaded on first use.</summary>
    public static LanguageGuesser Shipped => Default.Value;

    public IReadOnlyList<string> Languages => _languages;

    /// <summary>
    /// The most likely language. Confidence is a softmax over the languages' log-likelihoods divided
    /// by sqrt(trigram count): a long title earns more certainty than a short one, but not the
    /// near-1 certainty a raw likelihood ratio would claim from 30 correlated trigrams.
    /// </summary>
    public LanguageGuess Guess(ReadOnlySpan<char> text)
    {
        Span<double> scores = stackalloc double[_languages.Length];
        var n = 0;
        var trigrams = new Trigrams(text);
        while (trigrams.MoveNext(out var bucket))
        {
            var row = _logProbabilities.AsSpan(bucket * scores.Length, scores.Length);
            for (var l = 0; l < scores.Length; l++)
            {
                scores[l] += row[l];
            }
            n++;
        }
        if (n == 0)
        {
            return Nothing;
        }
        var best = 0;
        for (var l = 1; l < scores.Length; l++)
        {
            if (scores[l] > scores[best])
            {
                best = l;
            }
        }
        var scale = 1 / Math.Sqrt(n);
        var sum = 0.0;
        for (var l = 0; l < scores.Length; l++)
        {
            sum += Math.Exp((scores[l] - scores[best]) * scale);
        }
        return new LanguageGuess(_languages[best], 1 / sum);
    }

    /// <summary>Lower-case letter trigrams with a space marking word edges: "Leiter" → " le", "lei", …, "er ".</summary>
    private ref struct Trigrams(ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _next;
        private char _previous2 = ' ';
        private char _previous1 = ' ';

        public bool MoveNext(out int bucket)
        {
            while (_next <= _text.Length)
            {
                var c = _next < _text.Length ? Letter(_text[_next]) : ' ';
                _next++;
                if (c == ' ' && _previous1 == ' ')
                {
                    continue;
                }
                var (a, b) = (_previous2, _previous1);
                _previous2 = _previous1;
                _previous1 = c;
                if (!(a == ' ' && b == ' '))
                {
                    bucket = (int)(((uint)a * 2654435761u ^ (uint)b * 40503u ^ (uint)c * 97u) % Buckets);
                    return true;
                }
            }
            bucket = 0;
            return false;
        }

        /// <summary>The lower-case letter, or a space for anything else; ASCII without the Unicode tables.</summary>
        private static char Letter(char c) =>
            char.IsAscii(c) ? (char.IsAsciiLetter(c) ? (char)(c | 0x20) : ' ')
            : char.IsLetter(c) ? char.ToLowerInvariant(c) : ' ';
    }

    /// <summary>The trigram counts of the reference titles: English from O*NET, German and Spanish from ESCO.</summary>
    internal static IReadOnlyList<TrigramProfile> CountReferenceData()
    {
        var german = ReferenceTitles.EscoGerman;
        var spanish = ReferenceTitles.EscoSpanish;
        return Count(new Dictionary<string, IEnumerable<string>>
        {
            ["en"] = ReferenceTitles.Onet,
            ["de"] = german.Preferred.Concat(german.Alternative),
            ["es"] = spanish.Preferred.Concat(spanish.Alternative),
        });
    }

    private static List<TrigramProfile> Count(IReadOnlyDictionary<string, IEnumerable<string>> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var profiles = new List<TrigramProfile>(samples.Count);
        foreach (var (language, texts) in samples)
        {
            var counts = new double[Buckets];
            foreach (var text in texts)
            {
                var trigrams = new Trigrams(text);
                while (trigrams.MoveNext(out var bucket))
                {
                    counts[bucket]++;
                }
            }
            profiles.Add(new TrigramProfile(language, counts));
        }
        return profiles;
    }
}

/// <summary>How often each hashed trigram bucket occurs in one language's sample titles.</summary>
internal sealed record TrigramProfile(string Language, double[] Counts);
