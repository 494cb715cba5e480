using System.Text;

namespace JobTitleStudio.Tests.Shared;

/// <summary>
/// A labelled file whose training lasts long enough (seconds, not the tens of milliseconds a small fixture takes) for a
/// Cancel sent right after Train to find the version still training, however many test projects share the machine.
/// </summary>
public static class LongTrainingData
{
    /// <summary>19,200 distinct titles in ten departments, as CSV with the columns Title and Department.</summary>
    public static string Csv()
    {
        var text = new StringBuilder("Title,Department\n");
        foreach (var word in new[] { "Sales", "Marketing", "Software", "Recruiting", "Finance", "Legal", "Support", "Data", "Product", "Design" })
        {
            foreach (var role in new[] { "Manager", "Specialist", "Assistant", "Director", "Analyst", "Coordinator", "Consultant", "Lead" })
            {
                foreach (var place in new[] { "Berlin", "Madrid", "London", "Paris", "Vienna", "Zurich", "Dublin", "Oslo", "Prague", "Lisbon", "Warsaw", "Rome" })
                {
                    foreach (var prefix in new[] { "", "Senior ", "Junior ", "Global ", "Regional " })
                    {
                        foreach (var grade in new[] { "", " I", " II", " III" })
                        {
                            text.Append(prefix).Append(word).Append(' ').Append(role).Append(' ').Append(place).Append(grade).Append(',').Append(word).Append('\n');
                        }
                    }
                }
            }
        }
        return text.ToString();
    }
}
