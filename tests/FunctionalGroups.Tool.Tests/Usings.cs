global using FunctionalGroups.Diagnostics;
global using FunctionalGroups.Tool.Tests.Support;
global using LanguageExt;
global using Xunit;
global using static LanguageExt.Prelude;
