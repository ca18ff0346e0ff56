package dev.caas.contract;

/**
 * What a handler hands back to the server, in every model: the photo, the dog's name, and how long
 * each step took.
 */
public record ServedPhoto(DogPhoto photo, DogName dogName, RequestTimeline timeline) {}
