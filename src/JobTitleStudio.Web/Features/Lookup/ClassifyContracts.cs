using System.Text.Json;
using System.Text.Json.Serialization;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Core.Text;
using JobTitleStudio.Web.Hosting;

namespace JobTitleStudio.Web.Features.Lookup;

/// <summary>POST /api/classify body.</summary>
/// <param name="Titles">1 to 10,000 titles, each at most 300 characters.</param>
/// <param name="Top">Categories ranked per axis, 1 to 1000 (default 5).</param>
public sealed record ClassifyRequest(IReadOnlyList<string> Titles, int? Top)
{
    public const int MaxTitles = 10_000;
    public const int DefaultTop = 5;
    public const int MaxTop = 1000;
    private const string Example = "Send {\"titles\": [\"Sr. Mktg Mgr\", \"Talent acquisition manager\"], \"top\": 5}.";

    /// <summary>
    /// Reads and checks the body by hand, so every mistake (bad JSON, a number among the titles, a pasted paragraph)
    /// gets a message saying what to fix instead of the framework's generic binding failure.
    /// </summary>
    public static async Task<ClassifyRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            throw StudioProblem.BadRequest($"The body is not valid JSON ({exception.Message}). {Example}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !TryGetProperty(root, "titles", out var titles) || titles.ValueKind != JsonValueKind.Array)
            {
                throw StudioProblem.BadRequest($"The body needs a \"titles\" array. {Example}");
            }
            var count = titles.GetArrayLength();
            if (count == 0)
            {
                throw StudioProblem.BadRequest($"\"titles\" is empty; send at least one title. {Example}");
            }
            if (count > MaxTitles)
            {
                throw StudioProblem.BadRequest($"\"titles\" has {count} entries; send at most {MaxTitles:N0} per call (split the list, or upload a file in Batches).");
            }
            var list = new string[count];
            var i = 0;
            foreach (var entry in titles.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.String)
                {
                    throw StudioProblem.BadRequest($"titles[{i}] is {Describe(entry.ValueKind)}; every entry must be a string.");
                }
                var title = entry.GetString()!;
                if (title.Length > TitleNormalizer.MaxLength)
                {
                    throw StudioProblem.BadRequest($"titles[{i}] has {title.Length} characters; a job title has at most {TitleNormalizer.MaxLength}. Send the title, not the job description.");
                }
                list[i++] = title;
            }
            return new ClassifyRequest(list, ReadTop(root));
        }
    }

    private static int? ReadTop(JsonElement root)
    {
        if (!TryGetProperty(root, "top", out var top) || top.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (top.ValueKind != JsonValueKind.Number || !top.TryGetInt32(out var value) || value is < 1 or > MaxTop)
        {
            throw StudioProblem.BadRequest($"\"top\" must be a whole number from 1 to {MaxTop} (default {DefaultTop}).");
        }
        return value;
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => kind.ToString(),
    };
}

public sealed record ClassifyResponse(IReadOnlyList<ClassifiedTitle> Results)
{
    public static ClassifyResponse From(MappedClassifier model, IReadOnlyList<TitlePrediction> predictions, int top)
    {
        var multiLabel = model.Axes.Where(a => a.MultiLabel).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        return new([.. predictions.Select(p => ClassifiedTitle.From(p, top, multiLabel))]);
    }
}

/// <summary>One title's answer. A junk title carries the reason in <see cref="Junk"/> and no axes.</summary>
public sealed record ClassifiedTitle(
    string Title,
    string Normalized,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Junk,
    IReadOnlyDictionary<string, AxisAnswer> Axes)
{
    public static ClassifiedTitle From(TitlePrediction prediction, int top, IReadOnlySet<string> multiLabelAxes) =>
        prediction.Normalized.Junk is { } junk
            ? new(prediction.Title, prediction.Normalized.Normalized, junk.Reason, new Dictionary<string, AxisAnswer>())
            : new(prediction.Title, prediction.Normalized.Normalized, null, prediction.Axes.ToDictionary(a => a.Axis, a => AxisAnswer.From(a, top, multiLabelAxes.Contains(a.Axis))));
}

/// <summary>The answer on one axis; <see cref="Labels"/> only on multi-label axes.</summary>
public sealed record AxisAnswer(
    string Label,
    float Probability,
    bool Abstained,
    IReadOnlyList<ScoredLabel> Top,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Labels,
    bool FromCorrection)
{
    internal static AxisAnswer From(AxisPrediction axis, int top, bool multiLabel) => new(
        axis.Label,
        axis.Probability,
        axis.Abstained,
        [.. axis.Top.Take(top).Select(s => new ScoredLabel(s.Category, s.Probability))],
        multiLabel ? axis.Labels : null,
        axis.FromCorrection);
}

public sealed record ScoredLabel(string Label, float Probability);

public sealed record AxisDescription(string Name, bool MultiLabel, string Other, double? Threshold, IReadOnlyList<CategoryDescription> Categories);

public sealed record CategoryDescription(string Name, string DisplayName, string? Parent);
