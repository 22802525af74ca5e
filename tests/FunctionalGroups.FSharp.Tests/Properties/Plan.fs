module FunctionalGroups.FSharp.Tests.Plan
