using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace JobTitleStudio.Web.Tests.Features.Datasets;

/// <summary>The datasets API as a client uses it: create a workspace, upload a labelled file, poll until it is imported.</summary>
internal static class DatasetApi
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task CreateWorkspaceAsync(HttpClient client, string name) =>
        (await client.PostAsJsonAsync("/api/workspaces", new { name })).EnsureSuccessStatusCode();

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string text, string workspace, string? titleColumn, params string[] labelColumns)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "labelled.csv");
        if (titleColumn is not null)
        {
            content.Add(new StringContent(titleColumn), "titleColumn");
        }
        foreach (var column in labelColumns)
        {
            content.Add(new StringContent(column), "labelColumns");
        }
        return await client.PostAsync($"/api/datasets?workspace={Uri.EscapeDataString(workspace)}", content);
    }

    /// <summary>Imports the file and waits until the import has ended; returns the dataset's last status document.</summary>
    public static async Task<JsonElement> ImportAsync(HttpClient client, string text, string workspace, string titleColumn, params string[] labelColumns)
    {
        using var response = await UploadAsync(client, text, workspace, titleColumn, labelColumns);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"import answered {(int)response.StatusCode}: {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync($"/api/datasets/{id}?workspace={Uri.EscapeDataString(workspace)}")).RootElement;
            if (status.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"dataset {id} still {status.GetProperty("status")} after {Patience}");
            await Task.Delay(50);
        }
    }
}
