/* placeholder until the module lands */
typedef int vitrine_placeholder_image;
