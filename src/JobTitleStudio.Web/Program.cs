using JobTitleStudio.Web.Components;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.Lookup;
using JobTitleStudio.Web.Features.Batches;
using JobTitleStudio.Web.Features.Datasets;
using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Features.Review;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Hosting;

var builder = WebApplication.CreateBuilder(ContentRootLocator.CreateOptions(args));
builder.AddStudioUi();
builder.Services.AddDatabase();
builder.Services.AddModelHosting();
builder.Services.AddCorrections();
builder.Services.AddLookup();
builder.Services.AddReview();
builder.Services.AddBatches();
builder.Services.AddDatasets();
builder.Services.AddModelVersions();
builder.Services.AddOpenApi();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.MapStudioUi();
app.MapHealth();
app.MapLookupApi();
app.MapCorrectionsApi();
app.MapWorkspacesApi();
app.MapBatches();
app.MapDatasets();
app.MapModelVersions();
app.MapOpenApi();
await app.RunAsync();

public partial class Program;
