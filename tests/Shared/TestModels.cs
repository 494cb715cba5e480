using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Tests.Shared;

/// <summary>
/// A small real model (Function and Level) trained in a second from hand-labelled titles, so web tests
/// exercise the real engine without waiting a minute for the default model.
/// </summary>
public static class TestModels
{
    public static readonly string[] Functions = ["Sales", "Marketing", "Human Resources", "Information Technology", "Finance"];

    public static readonly string[] Levels = ["Director", "Manager", "Professional", "Entry"];

    private static readonly (string Title, string Function, string Level)[] Titles =
    [
        ("Sales Manager", "Sales", "Manager"), ("Account Executive", "Sales", "Professional"),
        ("Sales Representative", "Sales", "Professional"), ("Director of Sales", "Sales", "Director"),
        ("Inside Sales Associate", "Sales", "Entry"), ("Business Development Manager", "Sales", "Manager"),
        ("Key Account Manager", "Sales", "Manager"),
        // An account manager who manages no one: the title says Manager to keyword rules, the label says Professional.
        ("Account Manager", "Sales", "Professional"), ("Regional Sales Director", "Sales", "Director"),
        ("Marketing Manager", "Marketing", "Manager"), ("Brand Manager", "Marketing", "Manager"),
        ("Content Marketing Specialist", "Marketing", "Professional"), ("Director of Marketing", "Marketing", "Director"),
        ("Marketing Assistant", "Marketing", "Entry"), ("SEO Specialist", "Marketing", "Professional"),
        ("Digital Marketing Manager", "Marketing", "Manager"), ("Communications Specialist", "Marketing", "Professional"),
        ("HR Manager", "Human Resources", "Manager"), ("Recruiter", "Human Resources", "Professional"),
        ("Talent Acquisition Specialist", "Human Resources", "Professional"), ("Director of Human Resources", "Human Resources", "Director"),
        ("HR Assistant", "Human Resources", "Entry"), ("Payroll Specialist", "Human Resources", "Professional"),
        ("People Operations Manager", "Human Resources", "Manager"), ("Benefits Coordinator", "Human Resources", "Professional"),
        ("Software Engineer", "Information Technology", "Professional"), ("IT Manager", "Information Technology", "Manager"),
        ("Systems Administrator", "Information Technology", "Professional"), ("Director of Engineering", "Information Technology", "Director"),
        ("Junior Developer", "Information Technology", "Entry"), ("Data Engineer", "Information Technology", "Professional"),
        ("Network Engineer", "Information Technology", "Professional"), ("DevOps Engineer", "Information Technology", "Professional"),
        ("Accountant", "Finance", "Professional"), ("Finance Manager", "Finance", "Manager"),
        ("Financial Analyst", "Finance", "Professional"), ("Director of Finance", "Finance", "Director"),
        ("Accounts Payable Clerk", "Finance", "Entry"), ("Controller", "Finance", "Manager"),
        ("Auditor", "Finance", "Professional"), ("Treasury Analyst", "Finance", "Professional"),
    ];

    private static readonly Lazy<byte[]> Trained = new(() => Train(Titles), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The same model, except that talent-acquisition titles were labelled Sales, so "Talent acquisition manager" starts
    /// out wrong on Function: a correction to Human Resources has something to fix.
    /// </summary>
    private static readonly Lazy<byte[]> Misled = new(() => Train([
        .. Titles.Where(t => !t.Title.StartsWith("Talent", StringComparison.Ordinal)),
        ("Talent Acquisition Specialist", "Sales", "Professional"), ("Talent Acquisition Partner", "Sales", "Professional"),
    ]), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Writes a fresh copy of the model to <paramref name="path"/>, so each test can change its own.</summary>
    public static string WriteTo(string path) => Write(path, Trained.Value);

    /// <summary>Writes the model in which "Talent acquisition manager" is wrongly Sales on Function.</summary>
    public static string WriteMisledTo(string path) => Write(path, Misled.Value);

    private static string Write(string path, byte[] model)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, model);
        return path;
    }

    private static byte[] Train(IEnumerable<(string Title, string Function, string Level)> titles)
    {
        var model = new TitleClassifier(
        [
            new AxisDefinition("Function", Functions.Select(f => new CategoryDefinition(f))),
            new AxisDefinition("Level", Levels.Select(l => new CategoryDefinition(l))),
        ]);
        model.Train(titles.Select(t => TrainingRow.Of(t.Title, ("Function", t.Function), ("Level", t.Level))));
        var path = Path.Combine(Path.GetTempPath(), $"jts-test-model-{Guid.NewGuid():N}.jtsm");
        try
        {
            ModelFile.Save(model, path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
