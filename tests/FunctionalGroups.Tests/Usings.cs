global using FunctionalGroups;
global using LanguageExt;
global using LanguageExt.Common;
global using Xunit;
