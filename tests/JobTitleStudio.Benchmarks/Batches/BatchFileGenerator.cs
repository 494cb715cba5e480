using System.Globalization;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Benchmarks.Batches;

/// <summary>
/// A CRM-style export of leads whose job titles repeat the way real ones do: a pool of distinct titles
/// made from O*NET alternate titles with seniority words, suffixes and casing varied, drawn with a
/// heavy-headed (Zipf-like) frequency, so a few titles fill many rows and most appear a handful of times.
/// </summary>
internal static class BatchFileGenerator
{
    public const string TitleColumn = "job_title";

    private static readonly string[] Prefixes = ["", "", "", "Senior ", "Sr. ", "Junior ", "Lead ", "Principal ", "Assistant ", "Associate ", "Chief ", "Head "];
    private static readonly string[] Suffixes = ["", "", "", " II", " III", " - Remote", ", EMEA", " (Contract)", " / Team Lead", " - Night Shift"];
    private static readonly string[] Companies = ["Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Industries", "Wayne Enterprises", "Hooli", "Vandelay Imports"];
    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "IN", "CA", "AU", "ES", "BR", "NL"];

    /// <summary>Writes <paramref name="rows"/> rows drawing from <paramref name="distinctTitles"/> distinct titles; returns how many distinct titles the rows hold.</summary>
    public static int Write(string path, string onetDirectory, long rows, int distinctTitles, int seed = 29)
    {
        var random = new Random(seed);
        var pool = TitlePool(onetDirectory, distinctTitles, random);
        // Zipf with exponent ~1 over the pool: the weight of rank r is 1/(r+10), sampled by inverting the cumulative sum.
        var cumulative = new double[pool.Length];
        var sum = 0.0;
        for (var r = 0; r < pool.Length; r++)
        {
            sum += 1.0 / (r + 10);
            cumulative[r] = sum;
        }
        // Every pool title appears at least once: every k-th row walks the (shuffled) pool, the other rows draw by frequency.
        var stride = Math.Max(1, rows / pool.Length);
        var used = new HashSet<string>(StringComparer.Ordinal);
        using var writer = TableWriter.CreateFile(path);
        writer.WriteRow(["id", "first_name", "company", TitleColumn, "country"]);
        var cells = new string[5];
        for (long i = 0; i < rows; i++)
        {
            var rank = i % stride == 0 && i / stride < pool.Length
                ? (int)(i / stride)
                : Array.BinarySearch(cumulative, random.NextDouble() * sum) is var found && found >= 0 ? found : ~found;
            cells[0] = (i + 1).ToString(CultureInfo.InvariantCulture);
            cells[1] = FirstNames[random.Next(FirstNames.Length)];
            cells[2] = Companies[random.Next(Companies.Length)];
            cells[3] = pool[Math.Min(rank, pool.Length - 1)];
            cells[4] = Countries[random.Next(Countries.Length)];
            used.Add(cells[3]);
            writer.WriteRow(cells);
        }
        return used.Count;
    }


    private static readonly string[] FirstNames = ["Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Kai", "Lena"];

    private static string[] TitlePool(string onetDirectory, int size, Random random)
    {
        using var reader = TableReader.OpenFile(Path.Combine(onetDirectory, "Alternate Titles.txt"));
        var alternate = reader.ColumnIndex("Alternate Title");
        var occupation = reader.ColumnIndex("Title");
        var bases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in reader.ReadRows())
        {
            bases.Add(row[alternate]);
            bases.Add(row[occupation]);
        }
        var ordered = bases.Order(StringComparer.Ordinal).ToArray();
        random.Shuffle(ordered);
        var pool = new HashSet<string>(ordered, StringComparer.Ordinal);
        while (pool.Count < size)
        {
            var title = Prefixes[random.Next(Prefixes.Length)] + ordered[random.Next(ordered.Length)] + Suffixes[random.Next(Suffixes.Length)];
            pool.Add(random.Next(10) switch
            {
                0 => title.ToLowerInvariant(),
                1 => title.ToUpperInvariant(),
                _ => title,
            });
        }
        var titles = pool.Take(size).ToArray();
        random.Shuffle(titles);
        return titles;
    }
}
