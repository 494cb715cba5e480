using System.Globalization;
using System.Text;
using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// Writes, for every title of the given CSVs and of the default model's reference tables (O*NET, ESCO German and
/// Spanish, English) plus noisy variants of each, what normalising and featurising make of it: normalised title, tokens,
/// parts, junk verdict, language, head, feature ids with the exact bits of their values, and feature names. Two
/// builds' dumps must be byte-identical for a speed change to leave every model and prediction unchanged
/// (docs/BENCHMARKS.md, "Featurising").
/// </summary>
internal static class FeatureDump
{
    public static int Run(string outputPath, IReadOnlyList<string> titleFiles)
    {
        var titles = new List<string>();
        foreach (var file in titleFiles)
        {
            titles.AddRange(Csv.ReadPairs(file).Select(r => r.Title));
        }
        titles.AddRange(ReferenceTitles.Onet);
        foreach (var esco in new[] { ReferenceTitles.EscoGerman, ReferenceTitles.EscoSpanish })
        {
            titles.AddRange(esco.Preferred);
            titles.AddRange(esco.Alternative);
        }
        // The default model also learns ESCO's English labels.
        foreach (var row in DelimitedText.ReadCsv(ShippedData.PathOf(ReferenceTitles.EscoPath("en"))))
        {
            titles.Add(row["preferredLabel"]);
            titles.AddRange(row["altLabels"].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        titles.AddRange(["Full-Time (m/w/d)", "Req #12345 - Remote", "$15.00/hr", "Job ID: 77 (w/m/d)", "Teilzeit"]);
        var distinct = titles.Distinct(StringComparer.Ordinal).ToArray();
        var featurizer = new TitleFeaturizer();
        // Other options reach the paths the defaults skip (other n-gram ranges, no unit length, families off).
        var other = new TitleFeaturizer(new FeaturizerOptions { MinCharN = 2, MaxCharN = 6, UnitLength = false, Bigrams = false, BucketCount = 1 << 12 });
        var lines = 0;
        using (var writer = new StreamWriter(outputPath, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.NewLine = "\n";
            foreach (var title in distinct)
            {
                Write(writer, featurizer, title, names: true);
                lines++;
            }
            // Variants are written without names to keep the file to a few hundred MB.
            foreach (var title in distinct)
            {
                foreach (var variant in Variants(title))
                {
                    Write(writer, featurizer, variant, names: false);
                    lines++;
                }
                if (title.Length % 4 == 0)
                {
                    Write(writer, other, title, names: true);
                    lines++;
                }
            }
        }
        Console.WriteLine($"{distinct.Length:N0} distinct titles, {lines:N0} lines written to {outputPath}");
        return 0;
    }

    private static IEnumerable<string> Variants(string title)
    {
        yield return title.ToUpperInvariant();
        yield return title.ToLowerInvariant();
        yield return $"Sr. {title} (m/w/d) - Remote, Req #{title.Length * 7919} $15.50/hr";
        yield return $"<b>{title}</b> &amp; {title}/in – Full-Time";
        yield return title.Replace(' ', '-').Replace("er", "erIn", StringComparison.Ordinal);
        // The other junk verdicts: control characters, no letters, nothing left once noise goes.
        if (title.Length % 10 == 0)
        {
            yield return title + "\u0007";
            yield return $"#{title.Length * 104729} - 42";
            yield return $"Full-Time / Remote (m/w/d) {title.Length}";
            yield return title.Length % 20 == 0 ? " \t" : $"{title} \uD83D\uDE00 {title[..(title.Length / 2)]}";
        }
    }

    private static void Write(TextWriter writer, TitleFeaturizer featurizer, string title, bool names)
    {
        var analyzed = featurizer.Analyze(title, names);
        var plain = featurizer.Featurize(title);
        var t = analyzed.Title;
        var head = HeadFinder.Find(t, TitleFeaturizer.HeadRule(analyzed.Language), featurizer.Normalizer.Lexicon);
        var line = new StringBuilder(2048);
        line.Append(Escape(title)).Append('\t').Append(Escape(t.Normalized)).Append('\t')
            .Append(t.Junk?.Kind.ToString() ?? "-").Append('\t').Append(Escape(t.Junk?.Reason ?? "-")).Append('\t')
            .Append(string.Join(' ', t.Tokens)).Append('\t').Append(string.Join(',', t.PartStarts)).Append('\t')
            .Append(analyzed.Language.Language).Append(' ').Append(analyzed.Language.Confidence.ToString("R", CultureInfo.InvariantCulture)).Append('\t')
            .Append(head.Head ?? "-").Append(' ').Append(string.Join(',', head.Modifiers)).Append('\t');
        AppendFeatures(line, analyzed.Features);
        if (!SameFeatures(analyzed.Features, plain))
        {
            line.Append("\tplain differs: ");
            AppendFeatures(line, plain);
        }
        writer.WriteLine(line.ToString());
    }

    private static void AppendFeatures(StringBuilder line, FeatureVector features)
    {
        for (var i = 0; i < features.Count; i++)
        {
            line.Append(features.Ids[i]).Append(':').Append(BitConverter.SingleToInt32Bits(features.Values[i]).ToString("x8", CultureInfo.InvariantCulture));
            if (features.HasNames)
            {
                line.Append('=').Append(Escape(features.NameAt(i)!));
            }
            line.Append(' ');
        }
    }

    private static bool SameFeatures(FeatureVector a, FeatureVector b) =>
        a.Ids.SequenceEqual(b.Ids) && a.Values.SequenceEqual(b.Values);

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
