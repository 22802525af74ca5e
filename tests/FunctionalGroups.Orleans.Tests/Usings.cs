global using FunctionalGroups;
global using FunctionalGroups.Orleans;
global using LanguageExt;
global using LanguageExt.Common;
global using Xunit;
