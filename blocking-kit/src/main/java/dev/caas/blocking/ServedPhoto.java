package dev.caas.blocking;

import dev.caas.contract.DogName;
import dev.caas.contract.DogPhoto;
import dev.caas.contract.RequestTimeline;

/**
 * What a handler hands back to the server: the photo, the dog's name, and how long each step took.
 */
public record ServedPhoto(DogPhoto photo, DogName dogName, RequestTimeline timeline) {}
