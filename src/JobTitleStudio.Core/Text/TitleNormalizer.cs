namespace JobTitleStudio.Core.Text;

/// <summary>
/// Turns a raw title into a <see cref="NormalizedTitle"/>. The steps, in order (docs/TEXT.md has examples):
/// junk checks on the raw text; HTML tags and entities; Unicode NFKC; lower-casing (culture-invariant,
/// letters such as ä, ß, ñ kept); splitting into tokens and parts; removal of gender markers,
/// requisition numbers and employment terms; feminine→base forms; repeated parts and words;
/// abbreviation expansion; the "no title word" junk check. Thread-safe; one instance serves all.
/// </summary>
public sealed partial class TitleNormalizer
{
    /// <summary>Longer input is pasted text (a description, an e-mail), not a title.</summary>
    public const int MaxLength = 300;

    /// <summary>At most this many content words and none known makes a title junk ("Have!").</summary>
    public const int MaxUnknownContentWords = 2;

    private static readonly Lazy<TitleNormalizer> Default = new(() => new TitleNormalizer(TitleLexicon.Shipped), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The part starts of every one-part title, shared: nothing writes to them.</summary>
    private static readonly int[] OnePart = [0];

    [ThreadStatic]
    private static Workspace? t_workspace;

    private readonly TitleLexicon _lexicon;

    public TitleNormalizer(TitleLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        _lexicon = lexicon;
    }

    /// <summary>The normaliser over the shipped lexicon, loaded on first use.</summary>
    public static TitleNormalizer Shipped => Default.Value;

    public TitleLexicon Lexicon => _lexicon;

    public NormalizedTitle Normalize(string? title)
    {
        var raw = title ?? "";
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new NormalizedTitle(raw, "", [], [], [], new JunkVerdict(JunkKind.Empty, "The title is empty or only whitespace."));
        }

        JunkVerdict? junk = null;
        if (HasControlCharacters(raw))
        {
            junk = new JunkVerdict(JunkKind.ControlCharacters, "The title contains control or binary characters, so it is not typed text.");
        }
        else if (raw.Length > MaxLength)
        {
            junk = new JunkVerdict(JunkKind.TooLong, $"The title has {raw.Length} characters; more than {MaxLength} is pasted text, not a job title.");
        }

        var text = Clean(raw);
        var work = t_workspace ??= new Workspace();
        work.Reset(text.Length);
        var hasLetter = Scan(text, work);
        LookUpFacts(work);
        if (!hasLetter)
        {
            junk ??= new JunkVerdict(JunkKind.NoLetters, "The title has no letters, only digits, punctuation or symbols.");
        }

        RemoveGenderMarkers(work);
        RemoveRequisitionNumbers(work);
        RemovePay(work);
        RemoveEmploymentTerms(work);
        MapFeminineForms(work);
        RemoveRepeats(work);
        var result = Build(raw, work, junk);
        work.Release();
        return result;
    }

    private void LookUpFacts(Workspace work)
    {
        for (var i = 0; i < work.Count; i++)
        {
            ref var token = ref work.Tokens[i];
            if (_lexicon.FactsLookup.TryGetValue(work.TextOf(i), out var key, out var facts))
            {
                token.Facts = facts;
                token.Key = key;
            }
        }
    }

    private static bool HasControlCharacters(string raw)
    {
        if (!raw.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return false; // printable ASCII, as most titles are
        }
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c < ' ')
            {
                if (c is not ('\t' or '\n' or '\r'))
                {
                    return true;
                }
            }
            else if (c is '\u007F' or '\uFFFD' or '\uFFFE' or '\uFFFF' || (c >= '\u0080' && c <= '\u009F'))
            {
                return true; // U+FFFD is what a decoder leaves where bytes were not text.
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= raw.Length || !char.IsLowSurrogate(raw[i + 1]))
                {
                    return true;
                }
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Runs of single gender letters: "(m/w/d)", "w/m/d", "(m/f)", "(h/f)".</summary>
    private static void RemoveGenderMarkers(Workspace work)
    {
        var i = 0;
        while (i < work.Count)
        {
            var end = i;
            while (end < work.Count && IsGenderLetter(work, end))
            {
                end++;
            }
            if (end - i >= 2)
            {
                for (var k = i; k < end; k++)
                {
                    work.Tokens[k].Dropped = true;
                }
            }
            i = end + 1;
        }
    }

    private static bool IsGenderLetter(Workspace work, int index)
    {
        var text = work.TextOf(index);
        return text.Length == 1 && TitleNoise.GenderLetters.Contains(text[0]);
    }

    /// <summary>"Req #12345", "R-0012", "JR123456", "Job ID: 77", "#4411".</summary>
    private static void RemoveRequisitionNumbers(Workspace work)
    {
        for (var i = 0; i < work.Count; i++)
        {
            ref var token = ref work.Tokens[i];
            if (token.Text is null && TitleNoise.LooksLikeId(work.TextOf(i), token.AfterHash))
            {
                token.Dropped = true;
            }
        }
        for (var i = 0; i + 1 < work.Count; i++)
        {
            var next = work.TextOf(i + 1);
            var nextIsNumber = work.Tokens[i + 1].Dropped ? work.Tokens[i + 1].HasDigit : IsAllDigits(next);
            if (!nextIsNumber || !TitleNoise.IdKeywordLookup.Contains(work.TextOf(i)))
            {
                continue;
            }
            work.Tokens[i].Dropped = true;
            work.Tokens[i + 1].Dropped = true;
            if (i > 0 && work.TextOf(i - 1).SequenceEqual("job"))
            {
                work.Tokens[i - 1].Dropped = true;
            }
        }
    }

    /// <summary>"$15.00/hr", "$12.50 per hour", "$50k": the amount and its unit, so "hr" is not human resources.</summary>
    private static void RemovePay(Workspace work)
    {
        for (var i = 0; i < work.Count; i++)
        {
            if (!work.Tokens[i].AfterCurrency || !work.Tokens[i].HasDigit)
            {
                continue;
            }
            work.Tokens[i].Dropped = true;
            var next = i + 1;
            while (next < work.Count && TitleNoise.PayConnectorLookup.Contains(work.TextOf(next)))
            {
                next++;
            }
            if (next < work.Count && TitleNoise.PayUnitLookup.Contains(work.TextOf(next)))
            {
                for (var k = i + 1; k <= next; k++)
                {
                    work.Tokens[k].Dropped = true;
                }
            }
        }
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text) => text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// Always-noise phrases go wherever they are; words like "remote" or "contract" go only when
    /// their whole part is such words and something else is left ("Sales Engineer - Remote").
    /// </summary>
    private static void RemoveEmploymentTerms(Workspace work)
    {
        for (var i = 0; i < work.Count; i++)
        {
            if (work.Tokens[i].Dropped || work.Tokens[i].Facts?.NoisePhrases is not { } phrases)
            {
                continue;
            }
            foreach (var phrase in phrases)
            {
                if (MatchesAt(work, i, phrase))
                {
                    for (var k = 0; k < phrase.Length; k++)
                    {
                        work.Tokens[i + k].Dropped = true;
                    }
                    break;
                }
            }
        }

        var anyContent = false;
        for (var i = 0; i < work.Count; i++)
        {
            anyContent |= !work.Tokens[i].Dropped && work.Tokens[i].Facts?.NoiseWhenAlone != true;
        }
        if (!anyContent)
        {
            return; // "Contractor" alone is a title, not noise
        }
        var start = 0;
        while (start < work.Count)
        {
            var part = work.Tokens[start].Part;
            var end = start;
            var allNoise = true;
            for (; end < work.Count && work.Tokens[end].Part == part; end++)
            {
                allNoise &= work.Tokens[end].Dropped || work.Tokens[end].Facts?.NoiseWhenAlone == true;
            }
            if (allNoise)
            {
                for (var k = start; k < end; k++)
                {
                    work.Tokens[k].Dropped = true;
                }
            }
            start = end;
        }
    }

    private static bool MatchesAt(Workspace work, int start, string[] phrase)
    {
        if (start + phrase.Length > work.Count)
        {
            return false;
        }
        for (var k = 0; k < phrase.Length; k++)
        {
            if (work.Tokens[start + k].Dropped || !work.TextOf(start + k).SequenceEqual(phrase[k]))
            {
                return false;
            }
        }
        return true;
    }

    private void MapFeminineForms(Workspace work)
    {
        for (var i = 0; i < work.Count; i++)
        {
            ref var token = ref work.Tokens[i];
            if (token.Dropped || token.Text is not null)
            {
                continue;
            }
            if (token.Facts?.BaseForm is { } baseForm)
            {
                token.Text = baseForm;
            }
            else if (CompoundBaseForm(work.TextOf(i)) is { } compound)
            {
                token.Text = compound;
            }
        }
    }

    /// <summary>
    /// German compounds end in their head noun, so "Gleiserhaltungstechnikerin" takes the base of its
    /// longest known feminine ending "technikerin". Only "-in"/"-innen" endings, which no English word
    /// shares with a learned German form, and a stem of at least three letters before it.
    /// </summary>
    private string? CompoundBaseForm(ReadOnlySpan<char> word)
    {
        const int MinimumStem = 3;
        const int MinimumEnding = 5;
        if (word.Length < MinimumStem + MinimumEnding || !(word.EndsWith("in") || word.EndsWith("innen")))
        {
            return null;
        }
        for (var start = MinimumStem; start <= word.Length - MinimumEnding; start++)
        {
            if (_lexicon.FeminineLookup.TryGetValue(word[start..], out var baseForm))
            {
                return string.Concat(word[..start], baseForm);
            }
        }
        return null;
    }

    /// <summary>
    /// Gendered pairs leave repeats once both halves are base forms: "Leiter/Leiterin" → "leiter leiter",
    /// "Technischer Leiter/Technische Leiterin" → the same part twice but for an adjective ending. Keep the first.
    /// </summary>
    private static void RemoveRepeats(Workspace work)
    {
        var previousStart = -1;
        var previousEnd = -1;
        var start = 0;
        while (start < work.Count)
        {
            var part = work.Tokens[start].Part;
            var end = start;
            while (end < work.Count && work.Tokens[end].Part == part)
            {
                end++;
            }
            if (previousStart >= 0 && SameKeptTokens(work, previousStart, previousEnd, start, end))
            {
                for (var k = start; k < end; k++)
                {
                    work.Tokens[k].Dropped = true;
                }
            }
            else if (HasKept(work, start, end))
            {
                (previousStart, previousEnd) = (start, end);
            }
            start = end;
        }

        var last = -1;
        for (var i = 0; i < work.Count; i++)
        {
            if (work.Tokens[i].Dropped)
            {
                continue;
            }
            if (last >= 0 && work.TextOf(i).SequenceEqual(work.TextOf(last)))
            {
                work.Tokens[i].Dropped = true;
                continue;
            }
            last = i;
        }
    }

    private static bool HasKept(Workspace work, int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (!work.Tokens[k].Dropped)
            {
                return true;
            }
        }
        return false;
    }

    private static bool SameKeptTokens(Workspace work, int aStart, int aEnd, int bStart, int bEnd)
    {
        var a = aStart;
        var b = bStart;
        while (true)
        {
            while (a < aEnd && work.Tokens[a].Dropped)
            {
                a++;
            }
            while (b < bEnd && work.Tokens[b].Dropped)
            {
                b++;
            }
            if (a == aEnd || b == bEnd)
            {
                return a == aEnd && b == bEnd;
            }
            if (!SameStem(work.TextOf(a), work.TextOf(b)))
            {
                return false;
            }
            a++;
            b++;
        }
    }

    /// <summary>Equal but for an ending of at most two letters: "technischer"/"technische", "manager"/"managers".</summary>
    private static bool SameStem(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return true;
        }
        var common = a.CommonPrefixLength(b);
        return common >= 3 && a.Length - common <= 2 && b.Length - common <= 2 && (common == a.Length || common == b.Length);
    }

    private NormalizedTitle Build(string raw, Workspace work, JunkVerdict? junk)
    {
        var lastPart = int.MinValue;
        var knownContent = false;
        for (var i = 0; i < work.Count; i++)
        {
            ref var token = ref work.Tokens[i];
            if (token.Dropped)
            {
                continue;
            }
            var text = work.TextOf(i);
            var word = token.Text ?? (token.Facts is { Known: true } ? token.Key! : new string(text));
            work.Words.Add(word);
            if (token.Part != lastPart)
            {
                DropRepeatedLastPart(work);
                work.PartStarts.Add(work.Expanded.Count);
                lastPart = token.Part;
            }
            var expansion = token.Text is null ? Expansion(work, i) : null;
            if (expansion is null)
            {
                work.Expanded.Add(word);
                // A scanned token's facts already say whether it is known; a base form or an added word is asked.
                knownContent = knownContent || IsKnownContent(word, token.Text is null ? token.Facts is { Known: true } : null);
            }
            else
            {
                work.Expanded.AddRange(expansion);
                foreach (var expandedWord in expansion)
                {
                    knownContent = knownContent || IsKnownContent(expandedWord, null);
                }
            }
        }

        DropRepeatedLastPart(work);
        var tokens = work.Words.ToArray();
        // Most titles expand nothing: their written and expanded tokens are one array.
        var expanded = SameWords(work.Words, work.Expanded) ? tokens : work.Expanded.ToArray();
        var normalized = string.Join(' ', expanded);
        var partStarts = work.PartStarts.Count == 1 ? OnePart : work.PartStarts.ToArray();
        if (tokens.Length == 0)
        {
            junk ??= new JunkVerdict(JunkKind.NothingLeft, "Nothing is left once employment terms, requisition numbers and gender markers are removed.");
        }
        else if (junk is null && !HasTitleWord(expanded, knownContent))
        {
            junk = new JunkVerdict(JunkKind.NoTitleWord, $"\"{normalized}\" has no known job-title word and is too short to be a title.");
        }
        return new NormalizedTitle(raw, normalized, tokens, expanded, partStarts, junk);
    }

    private static bool SameWords(List<string> a, List<string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>An acronym with its spelled-out form in brackets says the same thing twice: "ICP (Infection Control Practitioner)".</summary>
    private static void DropRepeatedLastPart(Workspace work)
    {
        var parts = work.PartStarts;
        if (parts.Count < 2)
        {
            return;
        }
        var (previous, last) = (parts[^2], parts[^1]);
        var length = work.Expanded.Count - last;
        if (length != last - previous)
        {
            return;
        }
        for (var k = 0; k < length; k++)
        {
            if (!string.Equals(work.Expanded[previous + k], work.Expanded[last + k], StringComparison.Ordinal))
            {
                return;
            }
        }
        work.Expanded.RemoveRange(last, length);
        parts.RemoveAt(parts.Count - 1);
    }

    private static string[]? Expansion(Workspace work, int index)
    {
        ref var token = ref work.Tokens[index];
        if (token.Facts?.Abbreviation is not { } abbreviation)
        {
            return null;
        }
        if (abbreviation.Cased && token.HasLowerRaw && !work.RawOf(index).SequenceEqual(abbreviation.Written))
        {
            return null; // "it" is a word, "IT" is information technology
        }
        if (abbreviation.WhenLast is not null && IsLastInPart(work, index))
        {
            return abbreviation.WhenLast;
        }
        return abbreviation.Expansion;
    }

    private static bool IsLastInPart(Workspace work, int index)
    {
        var part = work.Tokens[index].Part;
        for (var k = index + 1; k < work.Count && work.Tokens[k].Part == part; k++)
        {
            if (!work.Tokens[k].Dropped)
            {
                return false;
            }
        }
        return true;
    }

    private bool IsKnownContent(string word, bool? known) =>
        !TitleWords.IsStopword(word) && (known ?? _lexicon.VocabularyLookup.Contains(word));

    /// <summary>
    /// Long unknown titles may be real titles in a language we lack, so only short ones
    /// (at most <see cref="MaxUnknownContentWords"/> content words) with no known word are junk.
    /// </summary>
    /// <param name="knownContent">
    /// Whether some content word is in the vocabulary, found while building: dropping a repeated
    /// part leaves its words in the part before, so it holds for <paramref name="expanded"/> too.
    /// </param>
    private bool HasTitleWord(string[] expanded, bool knownContent)
    {
        if (knownContent)
        {
            return true;
        }
        var content = 0;
        foreach (var word in expanded)
        {
            if (!TitleWords.IsStopword(word))
            {
                content++;
            }
        }
        if (content > MaxUnknownContentWords)
        {
            return true;
        }
        foreach (var word in expanded)
        {
            if (!TitleWords.IsStopword(word) && _lexicon.IsKnownOrNearWord(word))
            {
                return true;
            }
        }
        return false;
    }
}
