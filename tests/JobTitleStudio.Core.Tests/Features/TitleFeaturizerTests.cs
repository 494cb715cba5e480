using JobTitleStudio.Core.Features;

namespace JobTitleStudio.Core.Tests.Features;

public class TitleFeaturizerTests
{
    private static readonly TitleFeaturizer Featurizer = new();

    private static string[] Names(string title)
    {
        var vector = Featurizer.Featurize(title, withNames: true);
        var names = new List<string>();
        for (var i = 0; i < vector.Count; i++)
        {
            names.AddRange(vector.NameAt(i)!.Split(" + "));
        }
        return [.. names];
    }

    [Fact]
    public void Puts_fixed_features_at_frozen_ids()
    {
        var vector = Featurizer.Featurize("Account Manager", withNames: true);
        var ids = new Dictionary<string, int>();
        for (var i = 0; i < vector.Count; i++)
        {
            foreach (var name in vector.NameAt(i)!.Split(" + "))
            {
                ids[name] = vector.Ids[i];
            }
        }
        Assert.Equal(722764, ids["word:manager"]);
        Assert.Equal(10478, ids["bigram:account_manager"]);
        Assert.Equal(638933, ids["char:<man"]);
    }

    [Fact]
    public void Emits_ids_ascending_and_distinct_within_the_dimension()
    {
        var vector = Featurizer.Featurize("Senior Vice President, Sales & Marketing (EMEA)");
        Assert.True(vector.Count > 20);
        for (var i = 0; i < vector.Count; i++)
        {
            Assert.InRange(vector.Ids[i], 0, Featurizer.Dimension - 1);
            if (i > 0)
            {
                Assert.True(vector.Ids[i] > vector.Ids[i - 1]);
            }
        }
    }

    /// <summary>Titles from a few keys (ordered by counting) to many (ordered through bins): the same order either way.</summary>
    [Theory]
    [InlineData("CEO")]
    [InlineData("Chef")]
    [InlineData("Lab Director")]
    [InlineData("Sales Associate")]
    [InlineData("Senior Software Engineer")]
    [InlineData("Senior Vice President, Sales & Marketing (EMEA) - Remote")]
    public void Emits_ids_ascending_with_their_own_names_for_titles_short_and_long(string title)
    {
        var vector = Featurizer.Featurize(title, withNames: true);

        Assert.True(vector.Count > 0);
        for (var i = 0; i < vector.Count; i++)
        {
            Assert.True(i == 0 || vector.Ids[i] > vector.Ids[i - 1]);
            Assert.All(vector.NameAt(i)!.Split(" + "), name => Assert.Equal(vector.Ids[i], FeatureHash.Bucket(FeatureHash.Hash(name), Featurizer.Dimension)));
        }
    }

    [Fact]
    public void Scales_vectors_to_unit_length()
    {
        var vector = Featurizer.Featurize("Talent acq. manager");
        var sum = 0.0;
        foreach (var v in vector.Values)
        {
            sum += v * v;
        }
        Assert.Equal(1.0, sum, 5);
    }

    [Fact]
    public void Emits_words_as_written_and_expanded()
    {
        Assert.Subset(Names("VP Mktg").ToHashSet(), new HashSet<string> { "word:vp", "word:mktg", "word:vice", "word:president", "word:marketing" });
    }

    [Fact]
    public void Skips_function_words_but_not_english_words_that_look_like_them()
    {
        var names = Names("Tool and Die Maker");
        Assert.Contains("word:die", names);
        Assert.DoesNotContain("word:and", names);
    }

    [Fact]
    public void Emits_word_bigrams_within_a_part_only()
    {
        var names = Names("Account Manager");
        Assert.Contains("bigram:account_manager", names);
        var parts = Names("Graphic Designer / Project Manager");
        Assert.Contains("bigram:graphic_designer", parts);
        Assert.DoesNotContain("bigram:designer_project", parts);
    }

    [Fact]
    public void Emits_character_ngrams_with_word_boundary_marks()
    {
        var names = Names("Manager");
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "char:<ma", "char:<man", "char:<mana", "char:er>", "char:ger>" });
        Assert.DoesNotContain(names, n => n.StartsWith("char:", StringComparison.Ordinal) && n.Length > "char:".Length + 5);
    }

    [Fact]
    public void Emits_a_diacritic_free_word_so_typing_without_umlauts_still_matches()
    {
        Assert.Contains("word:geschaftsfuhrer", Names("Geschäftsführer"));
        Assert.Contains("word:geschaftsfuhrer", Names("Geschaftsfuhrer"));
    }

    [Theory]
    [InlineData("Sales Engineer", "engineer", "sales")]
    [InlineData("Professor of Marketing", "professor", "marketing")]
    [InlineData("Chief Police Officer", "officer", "police")]
    public void Emits_head_and_modifier_features(string title, string head, string modifier)
    {
        var names = Names(title);
        Assert.Contains($"head:{head}", names);
        Assert.Contains($"mod:{modifier}", names);
        Assert.Contains($"head_mod:{head}|{modifier}", names);
    }

    [Fact]
    public void Skips_families_that_are_off()
    {
        var featurizer = new TitleFeaturizer(new FeaturizerOptions { CharNGrams = false, Bigrams = false, HeadAndModifiers = false });
        var vector = featurizer.Featurize("Account Manager", withNames: true);
        for (var i = 0; i < vector.Count; i++)
        {
            Assert.StartsWith("word:", vector.NameAt(i));
        }
    }

    [Fact]
    public void Keeps_no_names_unless_asked()
    {
        Assert.False(Featurizer.Featurize("Account Manager").HasNames);
    }

    [Fact]
    public void Gives_the_same_vector_every_time()
    {
        var first = Featurizer.Featurize("Sr. SWE");
        var second = Featurizer.Featurize("Sr. SWE");
        Assert.True(first.Ids.SequenceEqual(second.Ids));
        Assert.True(first.Values.SequenceEqual(second.Values));
    }

    [Fact]
    public void Shares_most_features_between_an_abbreviated_and_a_spelled_out_title()
    {
        var abbreviated = Featurizer.Featurize("Sr. SWE").Ids.ToArray();
        var spelled = Featurizer.Featurize("Senior Software Engineer").Ids.ToArray();
        Assert.True(spelled.Intersect(abbreviated).Count() > spelled.Length * 3 / 4);
    }

    [Fact]
    public void Returns_an_empty_vector_for_an_empty_title()
    {
        Assert.Equal(0, Featurizer.Featurize("  ").Count);
    }

    [Fact]
    public void Analyze_returns_the_normalised_title_features_and_language_together()
    {
        var result = Featurizer.Analyze("Leiter/Leiterin Vertrieb (m/w/d)", withNames: true);
        Assert.Equal("leiter vertrieb", result.Title.Normalized);
        Assert.Equal("de", result.Language.Language);
        Assert.Contains("head:leiter", Enumerable.Range(0, result.Features.Count).Select(result.Features.NameAt));
    }

    [Theory]
    [InlineData("Jefe de ventas", "head:jefe")]
    [InlineData("Media Director", "head:director")]
    [InlineData("Leiter Vertrieb", "head:leiter")]
    public void Uses_the_head_rule_of_the_title_language_only_when_sure(string title, string head)
    {
        Assert.Contains(head, Names(title));
    }

    [Fact]
    public void Gives_the_same_vectors_from_many_threads_at_once()
    {
        string[] titles = ["VP Mktg", "Sr. SWE", "Geschäftsführer (m/w/d)", "Ingeniero de software", "Chief Police Officer", "Have!"];
        var expected = titles.Select(t => Featurizer.Featurize(t, withNames: true)).ToArray();
        Parallel.For(0, 2_000, i =>
        {
            var actual = Featurizer.Featurize(titles[i % titles.Length], withNames: i % 2 == 0);
            Assert.True(actual.Ids.SequenceEqual(expected[i % titles.Length].Ids));
            Assert.True(actual.Values.SequenceEqual(expected[i % titles.Length].Values));
        });
    }

    [Fact]
    public void Rejects_bad_options_with_messages_that_say_what_to_fix()
    {
        var options = new FeaturizerOptions { BucketCount = 10, MinCharN = 6, MaxCharN = 4, WordWeight = -1 };
        var error = Assert.Throws<ArgumentException>(() => new TitleFeaturizer(options));
        Assert.Contains("BucketCount is 10", error.Message);
        Assert.Contains("MinCharN", error.Message);
        Assert.Contains("WordWeight is -1", error.Message);
        Assert.Empty(FeaturizerOptions.Default.Problems());
    }

    /// <summary>Titles whose vectors take every path: long (binned ordering), short (plain sort), non-ASCII, surrogate pairs, abbreviations, several parts.</summary>
    private static readonly string[] Varied =
    [
        "Account Manager",
        "CEO",
        "Senior Vice President, Sales & Marketing (EMEA) - Remote",
        "Geschäftsführer / Geschäftsführerin Vertrieb (m/w/d)",
        "Ingeniero de diseño mecánico",
        "Chef 😀 de cuisine 𝔸𝕓𝕔",
        "Sr. Sys Admin II / VP Mktg",
        string.Concat(Enumerable.Repeat("Supercalifragilisticexpialidocious Engineer ", 6)),
    ];

    public static TheoryData<string> VariedTitles => new(Varied);

    [Theory]
    [MemberData(nameof(VariedTitles))]
    public void Gives_the_same_ids_and_values_with_and_without_names(string title)
    {
        var plain = Featurizer.Featurize(title);
        var named = Featurizer.Featurize(title, withNames: true);
        Assert.Equal(plain.Ids.ToArray(), named.Ids.ToArray());
        Assert.Equal(plain.Values.ToArray(), named.Values.ToArray());
    }

    /// <summary>
    /// Recomputes every vector from its feature names alone: each name hashes to its id, and each id's value is the sum
    /// over the families that reach it of weight / sqrt(distinct features in the family), in family order, scaled to unit
    /// length. Small bucket counts make families collide; 3001 buckets is not a power of two.
    /// </summary>
    [Theory]
    [InlineData(1 << 20)]
    [InlineData(1024)]
    [InlineData(3001)]
    public void Builds_each_id_from_its_features_names_hashes_and_family_weights(int buckets)
    {
        var options = new FeaturizerOptions { BucketCount = buckets };
        var featurizer = new TitleFeaturizer(options);
        foreach (var title in Varied)
        {
            var vector = featurizer.Featurize(title, withNames: true);
            var families = new List<(int Family, string Name)>[vector.Count];
            var perFamily = new HashSet<(int Family, int Id)>();
            for (var i = 0; i < vector.Count; i++)
            {
                families[i] = [.. vector.NameAt(i)!.Split(" + ").Select(name => (Family: FamilyOf(name), Name: name))];
                foreach (var (family, name) in families[i])
                {
                    Assert.Equal(vector.Ids[i], FeatureHash.Bucket(FeatureHash.Hash(name), buckets));
                    perFamily.Add((family, vector.Ids[i]));
                }
            }
            float[] weights = [options.WordWeight, options.BigramWeight, options.CharNGramWeight, options.HeadWeight];
            var familyValues = Enumerable.Range(0, 4).Select(f => weights[f] / MathF.Sqrt(perFamily.Count(p => p.Family == f))).ToArray();
            var expected = families.Select(names => names.Select(n => n.Family).Distinct().Order().Select(f => familyValues[f]).Aggregate((a, b) => a + b)).ToArray();
            var sumOfSquares = 0.0;
            foreach (var v in expected)
            {
                sumOfSquares += v * v;
            }
            var scale = (float)(1 / Math.Sqrt(sumOfSquares));
            Assert.Equal(expected.Select(v => v * scale).ToArray(), vector.Values.ToArray());
        }
    }

    private static int FamilyOf(string name) => name.Split(':')[0] switch
    {
        "word" => 0,
        "bigram" => 1,
        "char" => 2,
        "head" or "mod" or "head_mod" => 3,
        var other => throw new ArgumentException($"Unknown feature family '{other}'."),
    };

    [Fact]
    public void Keeps_every_feature_of_a_title_with_thousands_of_ngrams()
    {
        var words = Enumerable.Range(0, 300).Select(i => $"Word{i:D4}x");
        var vector = Featurizer.Featurize(string.Join(' ', words), withNames: true);
        var names = Enumerable.Range(0, vector.Count).SelectMany(i => vector.NameAt(i)!.Split(" + ")).ToHashSet();
        Assert.Contains("word:word0299x", names);
        Assert.Contains("char:<wor", names);
        Assert.Contains("char:299x>", names);
        Assert.True(vector.Count > 1000);
        for (var i = 1; i < vector.Count; i++)
        {
            Assert.True(vector.Ids[i] > vector.Ids[i - 1]);
        }
    }

    [Fact]
    public void Gives_a_title_of_hundreds_of_ids_the_same_vector_on_a_fresh_thread_as_with_names()
    {
        var title = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"Word{i:D4}x"));
        var featurizer = new TitleFeaturizer();
        FeatureVector? plain = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                plain = featurizer.Featurize(title);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        var named = featurizer.Featurize(title, withNames: true);
        Assert.True(named.Count > 300, $"{named.Count} ids: more than the 256 a thread's buffers start with");
        Assert.Equal(named.Ids.ToArray(), plain!.Ids.ToArray());
        Assert.Equal(named.Values.ToArray(), plain.Values.ToArray());
    }
}
