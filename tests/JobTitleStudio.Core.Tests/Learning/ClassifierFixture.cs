using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Core.Tests.Learning;

/// <summary>A small Function/Level/Skills table and options sized for fast tests.</summary>
internal static class ClassifierFixture
{
    public static readonly TitleFeaturizer Featurizer = new(new FeaturizerOptions { BucketCount = 1 << 16 });

    public static ModelOptions Options => new()
    {
        Linear = new LinearOptions { Buckets = 1 << 12, Dimension = 16, Epochs = 30 },
        Blend = new BlendOptions { HeldOutFraction = 0.2 },
    };

    public static AxisDefinition Function => new("Function", [new("Marketing"), new("Sales"), new("Engineering"), new("Human Resources"), new("Finance")]);

    public static AxisDefinition Level => new("Level", [new("Manager"), new("Director"), new("Individual Contributor")], threshold: 0.3);

    public static AxisDefinition Skills => new("Skills", [new("People"), new("Numbers"), new("Code")], multiLabel: true);

    public static readonly TrainingRow[] Rows =
    [
        Row("Marketing Manager", "Marketing", "Manager", "People"),
        Row("Digital Marketing Manager", "Marketing", "Manager", "People"),
        Row("Brand Marketing Director", "Marketing", "Director", "People"),
        Row("Marketing Coordinator", "Marketing", "Individual Contributor", "People"),
        Row("Content Marketing Specialist", "Marketing", "Individual Contributor", "People"),
        Row("Product Marketing Manager", "Marketing", "Manager", "People"),
        Row("Sales Manager", "Sales", "Manager", "People", "Numbers"),
        Row("Regional Sales Director", "Sales", "Director", "People", "Numbers"),
        Row("Inside Sales Representative", "Sales", "Individual Contributor", "People"),
        Row("Account Executive", "Sales", "Individual Contributor", "People", "Numbers"),
        Row("Sales Development Representative", "Sales", "Individual Contributor", "People"),
        Row("Key Account Manager", "Sales", "Manager", "People", "Numbers"),
        Row("Software Engineer", "Engineering", "Individual Contributor", "Code"),
        Row("Senior Software Developer", "Engineering", "Individual Contributor", "Code"),
        Row("Engineering Manager", "Engineering", "Manager", "Code", "People"),
        Row("Director of Engineering", "Engineering", "Director", "Code", "People"),
        Row("Backend Developer", "Engineering", "Individual Contributor", "Code"),
        Row("Data Engineer", "Engineering", "Individual Contributor", "Code", "Numbers"),
        Row("HR Manager", "Human Resources", "Manager", "People"),
        Row("Recruiter", "Human Resources", "Individual Contributor", "People"),
        Row("HR Business Partner", "Human Resources", "Individual Contributor", "People"),
        Row("Director of People Operations", "Human Resources", "Director", "People"),
        Row("Payroll Specialist", "Human Resources", "Individual Contributor", "Numbers"),
        Row("Financial Analyst", "Finance", "Individual Contributor", "Numbers"),
        Row("Finance Manager", "Finance", "Manager", "Numbers"),
        Row("Director of Finance", "Finance", "Director", "Numbers", "People"),
        Row("Senior Accountant", "Finance", "Individual Contributor", "Numbers"),
        Row("Controller", "Finance", "Manager", "Numbers"),
        Row("Talent Acquisition Manager", "Marketing", "Manager", "People"),
        Row("Talent Marketing Manager", "Marketing", "Manager", "People"),
    ];

    public static TitleClassifier Trained()
    {
        var model = new TitleClassifier([Function, Level, Skills], Featurizer, Options);
        model.Train(Rows);
        return model;
    }

    private static TrainingRow Row(string title, string function, string level, params string[] skills) =>
        new(title, new Dictionary<string, string[]> { ["Function"] = [function], ["Level"] = [level], ["Skills"] = skills });
}
