namespace JobTitleStudio.Core.Text;

/// <summary>An abbreviation and what it stands for; an empty expansion means "ambiguous, keep as written".</summary>
/// <param name="Written">The spelling in the table ("IT", "Sr").</param>
/// <param name="Expansion">The words it stands for, lower-case.</param>
/// <param name="WhenLast">The words it stands for when it ends its part of the title (Sys Admin → administrator), or null.</param>
/// <param name="Cased">Only expand when written in capitals, because the lower-case form is an ordinary word ("it").</param>
/// <param name="Source">Where the row came from: "curated" or "onet".</param>
public sealed record Abbreviation(string Written, string[] Expansion, string[]? WhenLast, bool Cased, string Source);

/// <summary>What the lexicon and the noise lists say of one word (see <see cref="TitleLexicon.FactsLookup"/>).</summary>
/// <param name="Known">In the vocabulary.</param>
/// <param name="BaseForm">The base of a feminine form, else null.</param>
/// <param name="Abbreviation">The abbreviation it is, when the table gives it an expansion, else null.</param>
/// <param name="NoisePhrases">The always-noise phrases it starts, longest first, else null.</param>
/// <param name="NoiseWhenAlone">Noise when its whole part is such words.</param>
internal sealed record WordFacts(bool Known, string? BaseForm, Abbreviation? Abbreviation, string[][]? NoisePhrases, bool NoiseWhenAlone)
{
    /// <summary>Shared by the tens of thousands of words that are only known, so they cost no object each.</summary>
    public static WordFacts KnownWord { get; } = new(true, null, null, null, false);
}

/// <summary>
/// The word knowledge the normaliser uses: abbreviations, the vocabulary of known title words, and the
/// map from feminine to base forms. Derived from the reference data by <see cref="FromReferenceData"/>;
/// processes load the derived tables from <c>models/text/</c> (<see cref="TextTables"/>).
/// </summary>
public sealed class TitleLexicon
{
    private static readonly Lazy<TitleLexicon> Default = new(TextTables.LoadLexicon, LazyThreadSafetyMode.ExecutionAndPublication);

    // Plain hash tables, not frozen ones: freezing 27,000 words cost more at start-up than it saves on lookups.
    private readonly Dictionary<string, Abbreviation> _abbreviations;
    private readonly Dictionary<string, string> _feminineToBase;
    private readonly HashSet<string> _vocabulary;
    private readonly HashSet<string> _roleWords;
    private readonly string[][] _vocabularyByLength;

    internal TitleLexicon(
        IReadOnlyDictionary<string, Abbreviation> abbreviations,
        IReadOnlyDictionary<string, string> feminineToBase,
        IEnumerable<string> vocabulary,
        IEnumerable<string> roleWords)
    {
        _roleWords = roleWords.ToHashSet(StringComparer.Ordinal);
        _abbreviations = new Dictionary<string, Abbreviation>(abbreviations, StringComparer.Ordinal);
        _feminineToBase = new Dictionary<string, string>(feminineToBase, StringComparer.Ordinal);
        _vocabulary = vocabulary.ToHashSet(StringComparer.Ordinal);
        var byLength = new List<string>[_vocabulary.Count == 0 ? 2 : _vocabulary.Max(w => w.Length) + 2];
        foreach (var word in _vocabulary)
        {
            (byLength[word.Length] ??= []).Add(word);
        }
        _vocabularyByLength = [.. byLength.Select(words => words?.ToArray() ?? [])];
        FeminineLookup = _feminineToBase.GetAlternateLookup<ReadOnlySpan<char>>();
        VocabularyLookup = _vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        FactsLookup = BuildFacts().GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The lexicon of the shipped tables in <c>models/text/</c>, loaded on first use and shared by all threads.</summary>
    public static TitleLexicon Shipped => Default.Value;

    /// <summary>Abbreviations by lower-case key without dots ("sr", "r&d").</summary>
    public IReadOnlyDictionary<string, Abbreviation> Abbreviations => _abbreviations;

    /// <summary>Feminine (and German plural feminine) forms mapped to their base: leiterin → leiter, directora → director.</summary>
    public IReadOnlyDictionary<string, string> FeminineToBase => _feminineToBase;

    /// <summary>Lower-case words seen in O*NET, ESCO (en, de, es) titles, the IPOD gazetteer and the abbreviation table.</summary>
    public IReadOnlySet<string> Vocabulary => _vocabulary;

    /// <summary>
    /// Words that name a role or rank (manager, engineer, officer, president), from the IPOD
    /// gazetteer's RES tag, without the pure rank adjectives (senior, junior): the words an English
    /// title's head is made of, as opposed to function words such as "marketing".
    /// </summary>
    public IReadOnlySet<string> RoleWords => _roleWords;

    internal Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> FeminineLookup { get; }

    internal HashSet<string>.AlternateLookup<ReadOnlySpan<char>> VocabularyLookup { get; }

    /// <summary>
    /// Every word any table knows, with what the tables say of it: the normaliser asks this once per
    /// token instead of asking the vocabulary, feminine forms, abbreviations and noise lists each
    /// (one hash of the token instead of six). Keys of vocabulary words are the vocabulary's own
    /// strings, so a known token costs no new string.
    /// </summary>
    internal Dictionary<string, WordFacts>.AlternateLookup<ReadOnlySpan<char>> FactsLookup { get; }

    private Dictionary<string, WordFacts> BuildFacts()
    {
        var facts = new Dictionary<string, WordFacts>(_vocabulary.Count + _feminineToBase.Count, StringComparer.Ordinal);
        foreach (var word in _vocabulary)
        {
            facts.Add(word, WordFacts.KnownWord);
        }
        // Setting a value keeps the key already there, so vocabulary words keep the vocabulary's string.
        IEnumerable<string>[] others = [_feminineToBase.Keys, _abbreviations.Keys, TitleNoise.AlwaysNoiseByFirstWord.Keys, TitleNoise.NoiseWhenAlone];
        foreach (var word in others.SelectMany(words => words))
        {
            facts[word] = Describe(word);
        }
        return facts;
    }

    private WordFacts Describe(string word)
    {
        var known = _vocabulary.Contains(word);
        var baseForm = _feminineToBase.GetValueOrDefault(word);
        var abbreviation = _abbreviations.TryGetValue(word, out var found) && found.Expansion.Length > 0 ? found : null;
        var noisePhrases = TitleNoise.AlwaysNoiseByFirstWord.GetValueOrDefault(word);
        var noiseWhenAlone = TitleNoise.NoiseWhenAlone.Contains(word);
        return known && baseForm is null && abbreviation is null && noisePhrases is null && !noiseWhenAlone
            ? WordFacts.KnownWord
            : new WordFacts(known, baseForm, abbreviation, noisePhrases, noiseWhenAlone);
    }

    /// <summary>
    /// True for a vocabulary word or, for words of five letters or more, one typo away from one
    /// ("recriuter"), so that a misspelt real title is not called junk.
    /// </summary>
    public bool IsKnownOrNearWord(ReadOnlySpan<char> word)
    {
        if (VocabularyLookup.Contains(word))
        {
            return true;
        }
        if (word.Length < 5)
        {
            return false;
        }
        for (var length = word.Length - 1; length <= word.Length + 1; length++)
        {
            if (length >= _vocabularyByLength.Length)
            {
                break;
            }
            foreach (var candidate in _vocabularyByLength[length])
            {
                if (candidate[0] == word[0] && WithinOneEdit(word, candidate))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>One insertion, deletion, substitution or swap of neighbours (optimal string alignment ≤ 1).</summary>
    internal static bool WithinOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var prefix = a.CommonPrefixLength(b);
        if (prefix == a.Length && prefix == b.Length)
        {
            return true;
        }
        a = a[prefix..];
        b = b[prefix..];
        if (a.Length == b.Length)
        {
            return a[1..].SequenceEqual(b[1..])
                || (a.Length >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..].SequenceEqual(b[2..]));
        }
        return a.Length == b.Length + 1 ? a[1..].SequenceEqual(b)
            : b.Length == a.Length + 1 && b[1..].SequenceEqual(a);
    }

    /// <summary>Derives the lexicon from the reference files (13 MB to parse): what <see cref="TextTables.Generate"/> writes.</summary>
    internal static TitleLexicon FromReferenceData()
    {
        var abbreviations = LoadAbbreviations();
        var german = ReferenceTitles.EscoGerman;
        var spanish = ReferenceTitles.EscoSpanish;
        var feminine = LearnFeminineForms(german.Preferred, germanPlural: true);
        foreach (var (form, baseForm) in LearnFeminineForms(spanish.Preferred, germanPlural: false))
        {
            feminine.TryAdd(form, baseForm);
        }
        // The map applies to every title, so a form that is also an English title word stays: "Media Coordinator" is not "medio".
        var english = ReferenceTitles.Onet.SelectMany(Words).ToHashSet(StringComparer.Ordinal);
        foreach (var form in feminine.Keys.Where(english.Contains).ToList())
        {
            feminine.Remove(form);
        }

        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        void AddWords(IEnumerable<string> labels)
        {
            foreach (var label in labels)
            {
                foreach (var word in Words(label))
                {
                    vocabulary.Add(word);
                }
            }
        }
        AddWords(ReferenceTitles.Onet);
        AddWords(german.Preferred);
        AddWords(german.Alternative);
        AddWords(spanish.Preferred);
        AddWords(spanish.Alternative);
        var gazetteer = GazetteerTags().ToList();
        AddWords(gazetteer.Where(g => g.Tag is "RES" or "FUN").Select(g => g.Word));
        string[] rankAdjectives = ["senior", "junior", "vice", "sr", "jr"];
        var roleWords = gazetteer.Where(g => g.Tag == "RES" && !rankAdjectives.Contains(g.Word)).Select(g => g.Word);
        foreach (var (key, abbreviation) in abbreviations)
        {
            vocabulary.Add(key);
            AddWords(abbreviation.Expansion);
        }
        return new TitleLexicon(abbreviations, feminine, vocabulary, roleWords);
    }

    /// <summary>Curated rows first, then the O*NET acronyms the curated table does not mention.</summary>
    private static Dictionary<string, Abbreviation> LoadAbbreviations()
    {
        var table = new Dictionary<string, Abbreviation>(StringComparer.Ordinal);
        foreach (var row in DelimitedText.ReadTsv(ShippedData.PathOf(ReferenceTitles.Abbreviations)))
        {
            var written = row["abbreviation"].Trim();
            var whenLast = row["expansion_when_last"];
            table[Key(written)] = new Abbreviation(
                written,
                Words(row["expansion"]).ToArray(),
                whenLast.Length == 0 ? null : Words(whenLast).ToArray(),
                row["match"] == "cased",
                row["source"]);
        }

        var onet = new Dictionary<string, (string Written, HashSet<string> Expansions)>(StringComparer.Ordinal);
        foreach (var row in DelimitedText.ReadTsv(ShippedData.PathOf(ReferenceTitles.OnetAcronyms)))
        {
            var written = row["acronym"].Trim();
            if (!written.All(char.IsLetterOrDigit))
            {
                continue; // "ATR-BC" splits into two tokens, so it could never match as one.
            }
            var key = Key(written);
            if (!onet.TryGetValue(key, out var entry))
            {
                entry = (written, new HashSet<string>(StringComparer.Ordinal));
                onet[key] = entry;
            }
            entry.Expansions.Add(string.Join(' ', Words(row["expansion"])));
        }
        var writtenAsWords = WordsWrittenInLowerCase(ReferenceTitles.Onet);
        foreach (var (key, (written, expansions)) in onet)
        {
            // Several expansions (PA: physician assistant or associate) means the acronym alone does not
            // say which; two letters (DC, FO, EO) are too many other things outside O*NET's context; and an
            // acronym O*NET also writes as a word ("Cat", "Seal") would misread the word in all-caps titles.
            var ambiguous = expansions.Count > 1 || written.Length < 3
                || (written.All(char.IsUpper) && writtenAsWords.Contains(key));
            if (!ambiguous && !table.ContainsKey(key))
            {
                table[key] = new Abbreviation(written, expansions.First().Split(' '), null, Cased: true, "onet");
            }
        }
        return table;
    }

    /// <summary>Lower-cased words that the titles write with some lower-case letter, so they are words, not acronyms.</summary>
    private static HashSet<string> WordsWrittenInLowerCase(IEnumerable<string> titles)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var title in titles)
        {
            foreach (var word in title.Split([' ', '-', '/', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.Any(char.IsLower))
                {
                    words.Add(word.ToLowerInvariant());
                }
            }
        }
        return words;
    }

    private static string Key(string written) => written.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>
    /// Aligns the two halves of gendered labels word by word ("Technischer Leiter/Technische Leiterin")
    /// and keeps the pairs that differ but share a stem, so only forms the data shows become base forms:
    /// stripping every "-in" would turn "Marketing" or "Admin" into nonsense.
    /// </summary>
    internal static Dictionary<string, string> LearnFeminineForms(IEnumerable<string> pairedLabels, bool germanPlural)
    {
        var candidates = new Dictionary<string, string?>(StringComparer.Ordinal);
        var baseWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in pairedLabels)
        {
            var halves = label.Split('/');
            if (halves.Length != 2)
            {
                continue;
            }
            var masculine = Words(halves[0]).ToArray();
            var feminine = Words(halves[1]).ToArray();
            baseWords.UnionWith(masculine);
            if (masculine.Length != feminine.Length)
            {
                continue;
            }
            for (var i = 0; i < masculine.Length; i++)
            {
                var (m, f) = (masculine[i], feminine[i]);
                if (m == f || DiacriticFolding.Fold(m).AsSpan().CommonPrefixLength(DiacriticFolding.Fold(f)) < 3)
                {
                    continue;
                }
                // Two different bases for one form means the alignment is not trustworthy.
                candidates[f] = candidates.TryGetValue(f, out var seen) && seen != m ? null : m;
            }
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (form, baseForm) in candidates)
        {
            if (baseForm is null || baseWords.Contains(form))
            {
                continue; // a word that is itself used as a base form ("técnica" in "asistencia técnica") stays.
            }
            map[form] = baseForm;
            if (germanPlural && form.EndsWith("in", StringComparison.Ordinal))
            {
                map.TryAdd(form + "nen", baseForm);
            }
        }
        return map;
    }

    /// <summary>Each gazetteer word with the tag at least two of its three annotators gave (else "O").</summary>
    private static IEnumerable<(string Word, string Tag)> GazetteerTags()
    {
        foreach (var row in DelimitedText.ReadCsv(ShippedData.PathOf(ReferenceTitles.Gazetteer)))
        {
            var votes = new[] { row["A1"], row["A2"], row["A3"] };
            var majority = votes.GroupBy(v => v).FirstOrDefault(g => g.Count() >= 2)?.Key ?? "O";
            yield return (row["Title"], majority);
        }
    }

    /// <summary>Lower-case runs of letters and digits; good enough for reference labels, which are clean.</summary>
    internal static IEnumerable<string> Words(string label)
    {
        var start = -1;
        for (var i = 0; i <= label.Length; i++)
        {
            var isWord = i < label.Length && char.IsLetterOrDigit(label[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                yield return label[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
